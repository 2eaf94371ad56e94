"""The rendering engine: reproducible bytes, atomic writes, no clobbering of edited files,
workspace templates, sandboxed and checked templates."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from conftest import AS_OF, copy_data, run_cli
from docxread import open_doc

from kehoach_docs.outputs.folder import MANIFEST
from kehoach_docs.workspace import find_template

FIRST = "ke-hoach-2024-phu-luc-I.docx"


def build(data: Path, out: Path, *extra: str) -> int:
    return run_cli("appendix", "--data", str(data), "--out", str(out), *extra)


def test_same_input_gives_identical_bytes(workspace: Path, tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    assert build(workspace, one) == 0
    assert build(workspace, two) == 0
    for path in one.glob("*.docx"):
        assert path.read_bytes() == (two / path.name).read_bytes()
    with zipfile.ZipFile(one / FIRST) as zf:
        assert {info.date_time for info in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = zf.read("docProps/core.xml").decode()
    assert "2024-06-01T00:00:00Z" in core


def test_same_letters_give_identical_bytes(tmp_path: Path) -> None:
    outs = []
    for name in ("a", "b"):
        data = copy_data(tmp_path / name / "data")
        out = tmp_path / name / "out"
        assert run_cli("letters", "--data", str(data), "--out", str(out), "--as-of", AS_OF) == 0
        outs.append(out)
    for path in outs[0].glob("*.*"):
        assert path.read_bytes() == (outs[1] / path.name).read_bytes(), path.name


def test_rebuild_replaces_own_files_and_leaves_no_temporary_files(
    workspace: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert build(workspace, out) == 0
    first = (out / FIRST).read_bytes()
    assert build(workspace, out) == 0
    assert (out / FIRST).read_bytes() == first
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(
        [MANIFEST] + [f"ke-hoach-2024-phu-luc-{n}.docx" for n in ("I", "II", "III")]
    )


def edited_copy(path: Path) -> bytes:
    """The document as Word would save it after an officer typed into it."""
    doc = open_doc(path)
    doc.paragraphs[0].add_run(" (đã sửa)")
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def test_edited_output_is_not_overwritten_without_force(
    capsys, workspace: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert build(workspace, out) == 0
    edited = edited_copy(out / FIRST)
    (out / FIRST).write_bytes(edited)
    other = (out / "ke-hoach-2024-phu-luc-II.docx").stat().st_mtime_ns
    capsys.readouterr()
    assert build(workspace, out) == 1
    err = capsys.readouterr().err
    assert f"{out / FIRST}: tệp đã có và đã được sửa sau lần ghi trước" in err
    assert "--force" in err and "Không ghi văn bản nào." in err
    assert (out / FIRST).read_bytes() == edited
    assert (out / "ke-hoach-2024-phu-luc-II.docx").stat().st_mtime_ns == other
    assert build(workspace, out, "--force") == 0
    assert open_doc(out / FIRST).paragraphs[0].text == "Phụ lục I"


def test_a_foreign_file_with_the_same_name_is_kept(workspace: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / FIRST).write_bytes(b"signed scan")
    assert build(workspace, out) == 1
    assert (out / FIRST).read_bytes() == b"signed scan"


def rewrite_template(source: Path, target: Path, old: str, new: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                assert old in text
                data = text.replace(old, new).encode("utf-8")
            dst.writestr(item, data)


def test_workspace_template_overrides_the_packaged_one(workspace: Path, tmp_path: Path) -> None:
    packaged = find_template("phu-luc-nhiem-vu.docx", None)
    own = workspace / "templates" / "phu-luc-nhiem-vu.docx"
    rewrite_template(packaged, own, "Phụ lục {{ phu_luc.so }}", "PHỤ LỤC SỐ {{ phu_luc.so }}")
    assert find_template("phu-luc-nhiem-vu.docx", workspace) == own
    out = tmp_path / "out"
    assert build(workspace, out) == 0
    assert open_doc(out / FIRST).paragraphs[0].text == "PHỤ LỤC SỐ I"
    # The content table has its own template, still the packaged one.
    assert open_doc(out / "ke-hoach-2024-phu-luc-III.docx").paragraphs[0].text == "Phụ lục III"


@pytest.mark.parametrize(
    ("replacement", "message"),
    [
        (
            "{{ phu_luc.khong_co }}",
            "thân văn bản, đoạn 1 «Phụ lục {{ phu_luc.khong_co }}»: "
            "trường «khong_co» không có trong dữ liệu",
        ),
        (
            "{{ phu_luc.so ",
            "thân văn bản, đoạn 1 «Phụ lục {{ phu_luc.so»: thẻ «{{ phu_luc.so» "
            "không có dấu đóng «}}»",
        ),
        (
            "{{ phu_luc.__class__.__mro__ }}",
            "thân văn bản, đoạn 1 «Phụ lục {{ "
            "phu_luc.__class__.__mro__ }}»: mẫu dùng thao tác bị cấm «__class__»",
        ),
    ],
    ids=["unknown-field", "syntax", "sandbox"],
)
def test_broken_template_is_reported_and_nothing_written(
    capsys, workspace: Path, tmp_path: Path, replacement: str, message: str
) -> None:
    packaged = find_template("phu-luc-nhiem-vu.docx", None)
    own = workspace / "templates" / "phu-luc-nhiem-vu.docx"
    rewrite_template(packaged, own, "{{ phu_luc.so }}", replacement)
    assert run_cli("validate", "--data", str(workspace)) == 1
    err = capsys.readouterr().err
    assert f"{own}: lỗi: {message}" in err
    out = tmp_path / "out"
    assert build(workspace, out) == 1
    assert "Mẫu văn bản phu-luc-nhiem-vu.docx: " + message in capsys.readouterr().err
    assert not out.exists()


def test_packaged_templates_ship_with_the_package() -> None:
    for name in ("phu-luc-nhiem-vu.docx", "phu-luc-noi-dung.docx"):
        path = find_template(name, None)
        assert path.is_file()
        assert "kehoach_docs" in path.parts


def test_the_readme_templates_folder_is_the_packaged_one() -> None:
    root = Path(__file__).resolve().parents[1]
    assert (root / "templates").resolve() == (root / "src" / "kehoach_docs" / "templates")


@pytest.mark.parametrize(
    ("name", "builder"),
    [
        ("phu-luc-nhiem-vu.docx", "task_template"),
        ("phu-luc-noi-dung.docx", "content_template"),
        ("phieu-xin-loi.docx", "letter_template"),
    ],
)
def test_committed_templates_are_what_make_templates_builds(name: str, builder: str) -> None:
    """A change to scripts/make_templates.py comes with the templates it makes."""
    import make_templates

    built = getattr(make_templates, builder)()
    assert (make_templates.OUT / name).read_bytes() == built
