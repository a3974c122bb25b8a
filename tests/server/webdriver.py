"""A minimal W3C WebDriver client over httpx, for the browser tests.

chromedriver speaks plain HTTP+JSON; these few calls (session, navigate, find, click, script,
screenshot) are all the tests need, so no Selenium or Playwright package is required.  Browser
tests skip when ``chromium``/``chromedriver`` cannot be found.
"""

from __future__ import annotations

import base64
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path
from typing import Any

import httpx

ELEMENT = "element-6066-11e4-a52e-4f735466cecf"
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "chrome")
DRIVERS = ("chromedriver",)


def find_browser() -> tuple[str, str] | None:
    """(browser, driver) executables, or None when either is missing."""
    browser = os.environ.get("STORYLINE_CHROMIUM") or next(
        (p for p in map(shutil.which, BROWSERS) if p), None
    )
    driver = os.environ.get("STORYLINE_CHROMEDRIVER") or next(
        (p for p in map(shutil.which, DRIVERS) if p),
        "/usr/lib/chromium/chromedriver"
        if Path("/usr/lib/chromium/chromedriver").exists()
        else None,
    )
    return (browser, driver) if browser and driver else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class WebDriverError(RuntimeError):
    pass


class Browser:
    """One headless Chromium session driven through chromedriver."""

    def __init__(self, browser: str, driver: str, width: int = 1280, height: int = 900) -> None:
        self.port = free_port()
        self.proc = subprocess.Popen(
            [driver, f"--port={self.port}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.http = httpx.Client(base_url=f"http://127.0.0.1:{self.port}", timeout=60)
        deadline = time.monotonic() + 20
        while True:
            try:
                if self.http.get("/status").json()["value"].get("ready"):
                    break
            except (httpx.HTTPError, ValueError, KeyError):
                pass
            if time.monotonic() > deadline:
                self.close()
                raise WebDriverError("chromedriver did not start")
            time.sleep(0.1)
        caps = {
            "capabilities": {
                "alwaysMatch": {
                    "browserName": "chrome",
                    "goog:chromeOptions": {
                        "binary": browser,
                        "args": [
                            "--headless=new",
                            "--no-sandbox",
                            "--disable-gpu",
                            "--disable-dev-shm-usage",
                            "--disable-extensions",
                            "--no-first-run",
                            f"--window-size={width},{height}",
                        ],
                    },
                    "goog:loggingPrefs": {"browser": "ALL"},
                }
            }
        }
        try:
            value = self._call("POST", "/session", caps)
        except WebDriverError:
            self.close()
            raise
        self.session = value["sessionId"]

    def _call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        resp = self.http.request(method, path, json=body if body is not None else None)
        data = resp.json()
        if resp.status_code >= 400:
            raise WebDriverError(f"{method} {path}: {data.get('value')}")
        return data.get("value")

    def _s(self, path: str) -> str:
        return f"/session/{self.session}{path}"

    # ---- the calls the tests use ------------------------------------------------------------------
    def get(self, url: str) -> None:
        self._call("POST", self._s("/url"), {"url": url})

    def back(self) -> None:
        self._call("POST", self._s("/back"), {})

    def page_screenshot(self, path: Path, max_height: int = 4000) -> Path:
        """The whole page, not just the window: the window is stretched to the page's height
        (at most ``max_height`` pixels) for the shot, then put back."""
        height = int(self.script("return document.documentElement.scrollHeight") or 900)
        rect = self._call("GET", self._s("/window/rect"))
        self._call(
            "POST",
            self._s("/window/rect"),
            {"width": rect["width"], "height": min(max(height, 600), max_height)},
        )
        try:
            return self.screenshot(path)
        finally:
            self._call(
                "POST", self._s("/window/rect"), {"width": rect["width"], "height": rect["height"]}
            )

    @property
    def url(self) -> str:
        return str(self._call("GET", self._s("/url")))

    @property
    def title(self) -> str:
        return str(self._call("GET", self._s("/title")))

    def find(self, css: str) -> str:
        value = self._call("POST", self._s("/element"), {"using": "css selector", "value": css})
        return str(value[ELEMENT])

    def find_all(self, css: str) -> list[str]:
        value = self._call("POST", self._s("/elements"), {"using": "css selector", "value": css})
        return [str(v[ELEMENT]) for v in value]

    def click(self, element: str) -> None:
        self._call("POST", self._s(f"/element/{element}/click"), {})

    def text(self, element: str) -> str:
        return str(self._call("GET", self._s(f"/element/{element}/text")))

    def attribute(self, element: str, name: str) -> str | None:
        value = self._call("GET", self._s(f"/element/{element}/attribute/{name}"))
        return None if value is None else str(value)

    def prop(self, element: str, name: str) -> Any:
        """A DOM property (``href`` gives the absolute URL, where the attribute may be relative)."""
        return self._call("GET", self._s(f"/element/{element}/property/{name}"))

    def type(self, element: str, text: str) -> None:
        self._call("POST", self._s(f"/element/{element}/value"), {"text": text})

    def script(self, source: str, *args: Any) -> Any:
        return self._call("POST", self._s("/execute/sync"), {"script": source, "args": list(args)})

    def wait_for(self, predicate: str, timeout: float = 10) -> Any:
        """Poll a JavaScript expression until it is truthy."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.script(f"return ({predicate});")
            if value or time.monotonic() > deadline:
                return value
            time.sleep(0.05)

    def screenshot(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(self._call("GET", self._s("/screenshot"))))
        return path

    def console(self) -> list[dict[str, Any]]:
        """The browser console since the last call (CSP violations show up here)."""
        try:
            return list(self._call("POST", self._s("/se/log"), {"type": "browser"}))
        except WebDriverError:
            return []

    def close(self) -> None:
        try:
            if getattr(self, "session", None):
                self._call("DELETE", self._s(""))
        except (WebDriverError, httpx.HTTPError):
            pass
        self.http.close()
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
