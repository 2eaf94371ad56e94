"""The register of apology letters (sổ theo dõi phiếu xin lỗi), a SQLite file in the
workspace. A number goes on paper once: numbers run per year with no gap and no reuse, a
dossier gets one letter, and a batch takes its numbers in one transaction."""

from __future__ import annotations

import datetime as dt
import errno
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from kehoach_docs.domain.dossiers import Moment
from kehoach_docs.domain.letters import IssuedLetter, LetterDraft

_SCHEMA = """
CREATE TABLE IF NOT EXISTS letters (
    year INTEGER NOT NULL,
    number INTEGER NOT NULL CHECK (number > 0),
    dossier_code TEXT NOT NULL UNIQUE,
    applicant TEXT NOT NULL,
    procedure TEXT NOT NULL,
    received TEXT,
    due TEXT NOT NULL,
    due_has_time INTEGER NOT NULL,
    letter_date TEXT NOT NULL,
    reason TEXT NOT NULL,
    new_date TEXT NOT NULL,
    days_late INTEGER NOT NULL,
    made_at TEXT NOT NULL,
    output_file TEXT NOT NULL,
    PRIMARY KEY (year, number)
)
"""
_COLUMNS = (
    "year, number, dossier_code, applicant, procedure, received, due, due_has_time, "
    "letter_date, reason, new_date, days_late, made_at, output_file"
)


def _moment(text: str | None, has_time: bool = False) -> Moment | None:
    return Moment(dt.datetime.fromisoformat(text), has_time) if text else None


def _letter(row: tuple) -> IssuedLetter:
    (year, number, code, applicant, procedure, received, due, due_has_time, letter_date,
     reason, new_date, days_late, _made_at, output_file) = row  # fmt: skip
    due_moment = _moment(due, bool(due_has_time))
    assert due_moment is not None
    return IssuedLetter(
        year=year,
        number=number,
        letter_date=dt.date.fromisoformat(letter_date),
        draft=LetterDraft(
            dossier_code=code,
            applicant=applicant,
            procedure=procedure,
            received=_moment(received),
            due=due_moment,
            reason=reason,
            new_date=dt.date.fromisoformat(new_date),
            days_late=days_late,
        ),
        output_file=output_file,
    )


def _codes(db: sqlite3.Connection) -> set[str]:
    return {code for (code,) in db.execute("SELECT dossier_code FROM letters")}


# How long a run waits for another one holding the register before it gives up and says so.
LOCK_WAIT_SECONDS = 3.0


class RegisterFault(Exception):
    """Any SQLite error of the register (locked, not a database, damaged, read-only, disk
    full, another program's schema), with the register's path; commands/failures.py words
    it for the officer."""

    def __init__(self, path: Path, error: sqlite3.Error) -> None:
        super().__init__(f"{path}: {error}")
        self.path = path
        self.error = error


class _Connection(sqlite3.Connection):
    """A connection whose every statement's error names the register."""

    path: Path

    def execute(self, *args: object) -> sqlite3.Cursor:  # type: ignore[override]
        try:
            return super().execute(*args)  # type: ignore[arg-type]
        except sqlite3.Error as exc:
            raise RegisterFault(self.path, exc) from exc

    def executemany(self, *args: object) -> sqlite3.Cursor:  # type: ignore[override]
        try:
            return super().executemany(*args)  # type: ignore[arg-type]
        except sqlite3.Error as exc:
            raise RegisterFault(self.path, exc) from exc


def _connect(path: Path, read_only: bool) -> _Connection:
    try:
        if read_only:
            db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                                 timeout=LOCK_WAIT_SECONDS, factory=_Connection)  # fmt: skip
        else:
            # isolation_level=None: transactions are ours (BEGIN IMMEDIATE below).
            db = sqlite3.connect(path, timeout=LOCK_WAIT_SECONDS, isolation_level=None,
                                 factory=_Connection)  # fmt: skip
    except sqlite3.Error as exc:
        raise RegisterFault(path, exc) from exc
    db.path = path
    return db


def _next_number(db: sqlite3.Connection, year: int) -> int:
    (last,) = db.execute(
        "SELECT COALESCE(MAX(number), 0) FROM letters WHERE year = ?", (year,)
    ).fetchone()
    return last + 1


class Register:
    def __init__(self, path: Path, read_only: bool = False) -> None:
        self.path = path
        if path.is_dir():
            raise IsADirectoryError(errno.EISDIR, "register is a directory", str(path))
        if not read_only:
            path.parent.mkdir(parents=True, exist_ok=True)
        self.db = _connect(path, read_only)
        tables = {name for (name,) in self.db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}  # fmt: skip
        if read_only and not tables:
            # A run killed between SQLite making the file and the table: no letter yet.
            self.db.close()
            self.db = sqlite3.connect(":memory:", factory=_Connection)
            self.db.path = path
            self.db.execute(_SCHEMA)
            return
        if tables and "letters" not in tables:
            # Another program's database: never add our table to it.
            self.db.close()
            raise RegisterFault(path, sqlite3.DatabaseError("no such table: letters"))
        if not read_only:
            self.db.execute(_SCHEMA)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Register:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def next_number(self, year: int) -> int:
        """The number the year's next letter takes (for a preview, which spends none)."""
        return _next_number(self.db, year)

    def letter_dates(self) -> dict[str, dt.date]:
        """Each dossier that has a letter, with the letter's date."""
        rows = self.db.execute("SELECT dossier_code, letter_date FROM letters")
        try:
            return {code: dt.date.fromisoformat(day) for code, day in rows}
        except (ValueError, TypeError) as exc:
            raise self._damaged("letter_date") from exc

    def issued(self, codes: Iterable[str]) -> dict[str, IssuedLetter]:
        wanted = set(codes)
        rows = self.db.execute(f"SELECT {_COLUMNS} FROM letters")
        return {row[2]: self._letter(row) for row in rows if row[2] in wanted}

    def all_letters(self) -> Iterator[IssuedLetter]:
        """Every letter in (year, number) order, one at a time."""
        rows = self.db.execute(f"SELECT {_COLUMNS} FROM letters ORDER BY year, number")
        return (self._letter(row) for row in rows)

    def _letter(self, row: tuple) -> IssuedLetter:
        try:
            return _letter(row)
        except (ValueError, TypeError, AssertionError) as exc:
            raise self._damaged(f"letter {row[1]}/{row[0]}") from exc

    def _damaged(self, what: str) -> RegisterFault:
        """A row edited outside the program (a date that is not a date)."""
        return RegisterFault(self.path, sqlite3.DataError(f"{what} unreadable"))

    def withdraw(self, letters: list[IssuedLetter]) -> bool:
        """Take back a batch just committed whose documents could not be put in place, if
        its numbers are still the last of their year: once another run has numbered after
        them, taking them back would leave a gap, so they stay (printed with --reissue)."""
        if not letters:
            return True
        year, first, last = letters[0].year, letters[0].number, letters[-1].number
        self.db.execute("BEGIN IMMEDIATE")
        try:
            (highest,) = self.db.execute(
                "SELECT COALESCE(MAX(number), 0) FROM letters WHERE year = ?", (year,)
            ).fetchone()
            if highest != last:
                self.db.execute("ROLLBACK")
                return False
            self.db.execute(
                "DELETE FROM letters WHERE year = ? AND number BETWEEN ? AND ?", (year, first, last)
            )
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")
        return True

    @contextmanager
    def batch(self) -> Iterator[Batch]:
        """One transaction: every number of the batch is assigned and kept, or none is."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield Batch(self.db)
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")


class Batch:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def already_issued(self, codes: Iterable[str]) -> set[str]:
        return _codes(self.db) & set(codes)

    def next_number(self, year: int) -> int:
        return _next_number(self.db, year)

    def issue(self, letters: list[IssuedLetter], made_at: dt.datetime) -> None:
        """Record numbered letters (from next_number on); the constraints refuse any number
        or dossier given twice."""
        self.db.executemany(
            f"INSERT INTO letters ({_COLUMNS}) VALUES ({', '.join('?' * 14)})",
            (
                (
                    letter.year, letter.number, d.dossier_code, d.applicant, d.procedure,
                    d.received.value.isoformat() if d.received else None,
                    d.due.value.isoformat(), int(d.due.has_time),
                    letter.letter_date.isoformat(), d.reason, d.new_date.isoformat(),
                    d.days_late, made_at.isoformat(timespec="seconds"), letter.output_file,
                )
                for letter in letters
                for d in (letter.draft,)
            ),
        )  # fmt: skip
