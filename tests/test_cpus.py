"""The default worker count follows what this process may really use, not the host's cores."""

from __future__ import annotations

import os

import pytest

from storyline.engines import cpus


def test_quota_v2(tmp_path):
    (tmp_path / "cpu.max").write_text("150000 100000\n")
    assert cpus.cgroup_quota(tmp_path) == 1.5
    (tmp_path / "cpu.max").write_text("max 100000\n")
    assert cpus.cgroup_quota(tmp_path) is None


def test_quota_v1(tmp_path):
    (tmp_path / "cpu").mkdir()
    (tmp_path / "cpu" / "cpu.cfs_quota_us").write_text("300000\n")
    (tmp_path / "cpu" / "cpu.cfs_period_us").write_text("100000\n")
    assert cpus.cgroup_quota(tmp_path) == 3.0
    (tmp_path / "cpu" / "cpu.cfs_quota_us").write_text("-1\n")
    assert cpus.cgroup_quota(tmp_path) is None


def test_usable_respects_quota_affinity_and_cap(tmp_path, monkeypatch):
    monkeypatch.setattr(cpus, "affinity", lambda: 64)
    monkeypatch.setattr(cpus, "available_memory", lambda: None)
    (tmp_path / "cpu.max").write_text("250000 100000\n")
    assert cpus.usable_cpus(tmp_path) == 3  # 2.5 CPUs of quota run three processes usefully
    (tmp_path / "cpu.max").write_text("max 100000\n")
    assert cpus.usable_cpus(tmp_path) == cpus.MAX_DEFAULT_WORKERS
    monkeypatch.setattr(cpus, "affinity", lambda: 2)
    assert cpus.usable_cpus(tmp_path) == 2
    monkeypatch.setattr(cpus, "available_memory", lambda: cpus.WORKER_MEMORY // 2)
    assert cpus.usable_cpus(tmp_path) == 1  # no room for a second worker


@pytest.mark.skipif(not hasattr(os, "sched_getaffinity"), reason="Linux only")
def test_affinity_is_this_process():
    assert cpus.affinity() == len(os.sched_getaffinity(0))
    assert 1 <= cpus.usable_cpus() <= cpus.MAX_DEFAULT_WORKERS
    assert cpus.default_workers(3) == 3
    assert cpus.default_workers(None) == cpus.usable_cpus()
