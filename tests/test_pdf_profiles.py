"""LibreOffice's profiles are kept between conversions (its first start, which builds one,
takes seconds), one per converter slot: a slot another run holds is left to it, and a
damaged profile is made again rather than stopping every PDF after it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document
from docxread import pdf_text, soffice

from kehoach_docs.outputs import pdf

# Holds the slots named on its command line, as another kehoach converting at the same time
# would, until its input closes.
HOLDER = """
import sys
from contextlib import ExitStack
from pathlib import Path
from kehoach_docs.outputs.lock import hold
with ExitStack() as held:
    for path in sys.argv[1:]:
        held.enter_context(hold(Path(path), "test", wait=0))
    print("held", flush=True)
    sys.stdin.read()
"""


@pytest.fixture(autouse=True)
def _two_slots(monkeypatch: pytest.MonkeyPatch) -> None:
    soffice(writer=True)
    monkeypatch.setattr(pdf, "workers", lambda: 2)  # two slots, even on one core


def letter(folder: Path, words: str) -> Path:
    document = Document()
    document.add_paragraph(words)
    path = folder / f"{words.replace(' ', '-')}.docx"
    document.save(str(path))
    return path


def convert(folder: Path, words: str, profiles: Path) -> list[str]:
    """A one-page letter saying `words` converted; its PDF's text."""
    target = folder / f"{words.replace(' ', '-')}.pdf"
    assert pdf.convert_parts([letter(folder, words)], target, profiles=profiles) == 1
    return pdf_text(target)


def test_a_second_conversion_reuses_the_profile(tmp_path: Path) -> None:
    profiles = tmp_path / "profiles"
    assert "Giấy mời số một" in convert(tmp_path, "Giấy mời số một", profiles)[0]
    made = profiles / "slot-0"
    assert (made / "user").is_dir()
    (made / "mark").write_text("kept")
    assert "Giấy mời số hai" in convert(tmp_path, "Giấy mời số hai", profiles)[0]
    assert (made / "mark").read_text() == "kept"  # the same profile, not a new one
    assert not (profiles / "slot-1").exists()


def test_two_parts_at_once_use_two_profiles(tmp_path: Path) -> None:
    profiles = tmp_path / "profiles"
    parts = [letter(tmp_path, "Phần một"), letter(tmp_path, "Phần hai")]
    assert pdf.convert_parts(parts, tmp_path / "ca-hai.pdf", profiles=profiles) == 2
    pages = pdf_text(tmp_path / "ca-hai.pdf")
    assert [("Phần một" in page, "Phần hai" in page) for page in pages] == [
        (True, False),
        (False, True),
    ]
    assert (profiles / "slot-0" / "user").is_dir()
    assert (profiles / "slot-1" / "user").is_dir()


def hold_slots(profiles: Path, *slots: int) -> subprocess.Popen[str]:
    profiles.mkdir(parents=True, exist_ok=True)
    locks = [str(profiles / f"slot-{slot}.lock") for slot in slots]
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, *locks],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None
    assert holder.stdout.readline() == "held\n"
    return holder


def test_a_slot_another_run_holds_is_left_to_it(tmp_path: Path) -> None:
    profiles = tmp_path / "profiles"
    holder = hold_slots(profiles, 0)
    try:
        assert "Đang bận" in convert(tmp_path, "Đang bận", profiles)[0]
        assert not (profiles / "slot-0").exists()
        assert (profiles / "slot-1" / "user").is_dir()
    finally:
        holder.communicate("")


def test_every_slot_busy_gives_a_fresh_profile(tmp_path: Path) -> None:
    profiles = tmp_path / "profiles"
    holder = hold_slots(profiles, 0, 1)
    try:
        assert "Cả hai bận" in convert(tmp_path, "Cả hai bận", profiles)[0]
        assert not (profiles / "slot-0").exists()
        assert not (profiles / "slot-1").exists()
    finally:
        holder.communicate("")


def test_a_damaged_profile_is_made_again(tmp_path: Path) -> None:
    profiles = tmp_path / "profiles"
    (profiles / "slot-0").mkdir(parents=True)
    (profiles / "slot-0" / "user").write_text("hỏng")  # a file where its folder should be
    assert "Vẫn in được" in convert(tmp_path, "Vẫn in được", profiles)[0]
    assert (profiles / "slot-0" / "user").is_dir()
