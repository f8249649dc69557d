"""`python -m bot export` writes only into a folder of its own making, or refuses with one line."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from bot.data_rights.export import ExportFile
from bot.data_rights.export.safe_dir import UnsafeFolder, _write_new
from storage import NewStep, Storage
from tests.helpers import add_checkin, add_user

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
WORDS = "Het gesprek met de familie liep stroef"
NOBODY = 65534  # the 'nobody' account: another owner, for tests that run as root
as_root = pytest.mark.skipif(os.getuid() != 0, reason="giving a file away needs root")


@pytest.fixture
async def database(tmp_path: Path) -> Path:
    """A database with user 1 and one delivered, answered check-in."""
    path = tmp_path / "db" / "sherpa.sqlite3"
    storage = await Storage.open(path)
    await add_user(storage, 1, NOW, step="days")
    checkin = await add_checkin(
        storage, 1, date(2026, 3, 2), NOW, steps=[NewStep("question", "s1.q-a", "Wat?")]
    )
    await storage.checkins.mark_delivered(checkin.id, NOW)
    step = await storage.checkins.open_next_step(checkin.id, NOW)
    await storage.checkins.add_answer(step=step, message_id=1, text=WORDS, now=NOW)
    await storage.close()
    return path


def _export(database: Path, out: Path, user: int = 1) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_", "ANSW"))
    }
    return subprocess.run(
        [sys.executable, "-m", "bot", "export", "--user", str(user), "--out", str(out)],
        env={**clean, "PYTHONPATH": str(ROOT), "DATABASE_PATH": str(database)},
        cwd=database.parent,
        capture_output=True,
        text=True,
        timeout=60,
    )


def _refused(result: subprocess.CompletedProcess[str], out: Path, reason: str) -> None:
    """Exit 2 with one line that names the folder and why; nothing written."""
    assert result.returncode == 2, result.stderr
    [line] = result.stderr.strip().splitlines()
    assert str(out) in line and reason in line, line
    assert result.stdout == "" and "Traceback" not in result.stderr


def _journal_names() -> list[str]:
    """The journal's name for the user's local day, and the days around it (midnight)."""
    today = datetime.now(UTC).date()
    return [f"sherpa-journal-{today + timedelta(days=d)}.md" for d in (-1, 0, 1)]


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def test_a_new_folder_is_created_owner_only_with_owner_only_files(database, tmp_path):
    out = tmp_path / "requests" / "2026" / "ann"
    result = _export(database, out)
    assert result.returncode == 0, result.stderr
    written = sorted(out.iterdir())
    assert sorted(p.suffix for p in written) == [".csv", ".json", ".md"]
    assert result.stdout.split() == [str(out / p.name) for p in sorted(written, key=_order(result))]
    assert _mode(out) == 0o700 and out.stat().st_uid == os.getuid()
    assert [_mode(p) for p in written] == [0o600] * 3
    assert WORDS in next(out.glob("*.md")).read_text()


def _order(result: subprocess.CompletedProcess[str]):
    printed = result.stdout.split()
    return lambda p: printed.index(str(p))


@pytest.mark.slow
def test_an_empty_private_folder_of_ours_is_used(database, tmp_path):
    out = tmp_path / "ready"
    out.mkdir(mode=0o700)
    assert _export(database, out).returncode == 0
    assert len(list(out.iterdir())) == 3


@pytest.mark.slow
def test_a_world_writable_folder_is_refused(database, tmp_path):
    out = tmp_path / "shared"
    out.mkdir()
    out.chmod(0o777)
    _refused(_export(database, out), out, "open to group or others")
    assert list(out.iterdir()) == [] and _mode(out) == 0o777


@pytest.mark.slow
def test_a_folder_readable_by_the_group_is_refused(database, tmp_path):
    out = tmp_path / "team"
    out.mkdir()
    out.chmod(0o750)
    _refused(_export(database, out), out, "open to group or others")


@pytest.mark.slow
def test_a_folder_that_is_not_empty_is_refused(database, tmp_path):
    out = tmp_path / "busy"
    out.mkdir(mode=0o700)
    (out / "notes.txt").write_text("mine")
    _refused(_export(database, out), out, "not empty")
    assert [p.name for p in out.iterdir()] == ["notes.txt"]
    assert (out / "notes.txt").read_text() == "mine"


@pytest.mark.slow
@as_root
def test_a_folder_owned_by_another_account_is_refused(database, tmp_path):
    out = tmp_path / "theirs"
    out.mkdir(mode=0o700)
    os.chown(out, NOBODY, NOBODY)
    _refused(_export(database, out), out, "another account")
    assert list(out.iterdir()) == []


@pytest.mark.slow
def test_a_planted_symlink_inside_the_folder_is_not_followed(database, tmp_path):
    out = tmp_path / "planted"
    out.mkdir(mode=0o700)
    victim = tmp_path / "victim.txt"
    victim.write_text("someone else's file")
    for name in _journal_names():
        (out / name).symlink_to(victim)
    _refused(_export(database, out), out, "not empty")
    assert victim.read_text() == "someone else's file"


@pytest.mark.slow
def test_a_folder_that_is_a_symlink_is_refused(database, tmp_path):
    target = tmp_path / "elsewhere"
    target.mkdir(mode=0o700)
    out = tmp_path / "link"
    out.symlink_to(target)
    _refused(_export(database, out), out, "symbolic link")
    assert list(target.iterdir()) == []


@pytest.mark.slow
def test_a_file_another_account_created_beforehand_is_not_written_into(database, tmp_path):
    out = tmp_path / "prepared"
    out.mkdir(mode=0o700)
    for name in _journal_names():
        trap = out / name
        trap.touch(mode=0o644)
        trap.chmod(0o644)
        if os.getuid() == 0:
            os.chown(trap, NOBODY, NOBODY)
    _refused(_export(database, out), out, "not empty")
    assert all(p.stat().st_size == 0 for p in out.iterdir())


@pytest.mark.slow
def test_out_naming_a_file_is_refused(database, tmp_path):
    out = tmp_path / "export.md"
    out.write_text("keep me")
    _refused(_export(database, out), out, "not a folder")
    assert out.read_text() == "keep me"


@pytest.mark.slow
def test_a_parent_that_is_a_file_is_refused(database, tmp_path):
    (tmp_path / "plain").write_text("a file")
    out = tmp_path / "plain" / "request"
    _refused(_export(database, out), out, "cannot")


@pytest.mark.slow
def test_an_unknown_user_creates_nothing(database, tmp_path):
    out = tmp_path / "nobody-here"
    result = _export(database, out, user=999)
    assert result.returncode == 1
    [line] = result.stderr.strip().splitlines()
    assert "no user 999" in line
    assert not out.exists()


@pytest.mark.slow
def test_a_link_planted_after_the_checks_is_not_followed(tmp_path):
    # The folder is checked once; each file is then created new, relative to the opened folder.
    victim = tmp_path / "victim.txt"
    victim.write_text("untouched")
    out = tmp_path / "raced"
    out.mkdir(mode=0o700)
    (out / "journal.md").symlink_to(victim)
    folder_fd = os.open(out, os.O_RDONLY | os.O_DIRECTORY)
    try:
        with pytest.raises(UnsafeFolder, match=r"journal\.md"):
            _write_new(folder_fd, ExportFile("journal.md", b"secret", "text/markdown"), out)
    finally:
        os.close(folder_fd)
    assert victim.read_text() == "untouched"
