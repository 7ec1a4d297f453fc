"""Attachments: shared files and per-recipient files named by a (templated) column, with every
missing file and every oversized message found before anything is sent."""

from __future__ import annotations

import math
import os
import sys
from pathlib import Path

import pytest

from composer.attachments import (
    DEFAULT_MESSAGE_ESTIMATE,
    MAX_MESSAGE_BYTES,
    AttachmentError,
    AttachmentPlan,
    encoded_size,
    problems,
    resolve,
)
from composer.recipients import ATTACHMENT, Recipient


def person(row: int, label: str, order: str = "1001") -> Recipient:
    fields = {"email": f"c{row}@example.com", "label": label, "order": order}
    return Recipient(row=row, email=fields["email"], name="", fields=fields)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "labels").mkdir()
    (tmp_path / "labels" / "1001.pdf").write_bytes(b"%PDF-1.4 label 1001")
    (tmp_path / "labels" / "1002.pdf").write_bytes(b"%PDF-1.4 label 1002")
    (tmp_path / "returns.pdf").write_bytes(b"%PDF-1.4 how to return")
    return tmp_path


def test_encoded_size_is_base64_with_line_breaks() -> None:
    import base64

    for n in (0, 1, 2, 3, 56, 57, 58, 1000, 123_457):
        data = os.urandom(n)
        assert encoded_size(n) == len(base64.encodebytes(data).replace(b"\n", b"\r\n"))


def test_resolve_gives_shared_files_then_the_recipients_own(folder: Path) -> None:
    plan = AttachmentPlan(files=(folder / "returns.pdf",), column="label", base_dir=folder)
    assert resolve(plan, person(2, "labels/1001.pdf")) == (
        folder / "returns.pdf",
        folder / "labels" / "1001.pdf",
    )
    assert resolve(AttachmentPlan(files=(folder / "returns.pdf",)), person(2, "")) == (
        folder / "returns.pdf",
    )


def test_a_per_recipient_path_is_templated_with_fields(folder: Path) -> None:
    plan = AttachmentPlan(column="label", base_dir=folder)
    got = resolve(plan, person(3, " labels/{{ order }}.pdf ", order="1002"))
    assert got == (folder / "labels" / "1002.pdf",)


def test_an_absolute_path_is_kept(folder: Path) -> None:
    plan = AttachmentPlan(column="label", base_dir=folder / "elsewhere")
    own = folder / "returns.pdf"
    assert resolve(plan, person(2, str(own))) == (own,)


def test_a_blank_cell_or_bad_pattern_is_an_error_naming_the_row(folder: Path) -> None:
    plan = AttachmentPlan(column="label", base_dir=folder)
    with pytest.raises(AttachmentError, match="Row 4 names no file in the label column") as e:
        resolve(plan, person(4, "  "))
    assert e.value.row == 4
    with pytest.raises(AttachmentError, match="for row 5 cannot be filled in"):
        resolve(plan, person(5, "labels/{{ ordr }}.pdf"))


def test_problems_find_missing_files_per_row(folder: Path) -> None:
    plan = AttachmentPlan(files=(folder / "returns.pdf",), column="label", base_dir=folder)
    crowd = [
        person(2, "labels/1001.pdf"),
        person(3, "labels/9999.pdf"),
        person(4, ""),
        person(5, "labels"),
        person(6, "labels/{{ order }}.pdf", order="1002"),
    ]
    found = problems(plan, crowd)
    assert [(p.row, p.kind) for p in found] == [(3, ATTACHMENT), (4, ATTACHMENT), (5, ATTACHMENT)]
    assert found[0].message == (
        f"The file {folder / 'labels' / '9999.pdf'} for row 3 does not exist; check the name and "
        "the folder."
    )
    assert "is a folder; name a file inside it instead" in found[2].message


def test_a_missing_shared_file_is_one_problem(folder: Path) -> None:
    plan = AttachmentPlan(files=(folder / "gone.pdf",))
    (problem,) = problems(plan, [person(2, ""), person(3, "")])
    assert problem.row is None
    assert (
        problem.message.startswith("The file ") and "for everyone does not exist" in problem.message
    )


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root reads anything")
def test_an_unreadable_file_is_a_problem(folder: Path) -> None:
    secret = folder / "labels" / "1001.pdf"
    secret.chmod(0)
    try:
        plan = AttachmentPlan(column="label", base_dir=folder)
        (problem,) = problems(plan, [person(2, "labels/1001.pdf")])
    finally:
        secret.chmod(0o644)
    assert "cannot be read" in problem.message


def test_each_distinct_file_is_looked_at_once(folder: Path, monkeypatch) -> None:
    looked: list[Path] = []
    real_stat = Path.stat

    def counting_stat(self: Path, *args, **kwargs):
        looked.append(self)
        return real_stat(self, *args, **kwargs)

    monkeypatch.setattr(Path, "stat", counting_stat)
    plan = AttachmentPlan(files=(folder / "returns.pdf",), column="label", base_dir=folder)
    crowd = [person(r, "labels/{{ order }}.pdf", order=str(1001 + r % 2)) for r in range(2, 202)]
    assert problems(plan, crowd) == []
    assert len(looked) == 3


def test_oversized_messages_are_flagged_per_row(folder: Path) -> None:
    big = folder / "labels" / "big.pdf"
    with big.open("wb") as f:  # sparse: 15.3 MB on paper, nothing on disk
        f.truncate(15_300_000)
    plan = AttachmentPlan(column="label", base_dir=folder)
    found = problems(plan, [person(2, "labels/1001.pdf"), person(3, "labels/big.pdf")])
    assert [p.row for p in found] == [3]
    total = encoded_size(15_300_000) + DEFAULT_MESSAGE_ESTIMATE
    assert total > MAX_MESSAGE_BYTES
    assert found[0].message.startswith(
        f"The message for row 3 would be {math.ceil(total * 10 / 1024 / 1024) / 10} MB once "
        "encoded, over the "
        "20 MB most providers accept;"
    )
    # a caller that knows its messages are small can say so
    assert problems(plan, [person(3, "labels/big.pdf")], message_bytes_estimate=1000) == []


def test_oversized_shared_files_are_one_problem(folder: Path) -> None:
    big = folder / "catalogue.pdf"
    with big.open("wb") as f:
        f.truncate(16 * 1024 * 1024)
    plan = AttachmentPlan(files=(big,), column="label", base_dir=folder)
    found = problems(plan, [person(r, "labels/1001.pdf") for r in range(2, 50)])
    assert len(found) == 1 and found[0].row is None
    assert "The files sent to everyone make each message" in found[0].message
    assert "over the 20 MB most providers accept" in found[0].message
