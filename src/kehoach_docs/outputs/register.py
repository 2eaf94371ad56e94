"""The register of apology letters (sổ theo dõi phiếu xin lỗi), a SQLite file in the
workspace. A number goes on paper once: numbers run per year with no gap and no reuse, a
dossier gets one letter, and a batch takes its numbers in one transaction."""

from __future__ import annotations

import datetime as dt
import errno
import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kehoach_docs.domain.dossiers import Moment
from kehoach_docs.domain.letters import IssuedLetter, LetterDraft
from kehoach_docs.domain.limits import regular_file

# The register's layout, by version (PRAGMA user_version; a register made before versions
# were kept reads 0 and is version 1). Every earlier version is migrated in place, after a
# copy of the file is kept; a newer one is refused, never written into.
VERSION = 2
_LETTERS = """
CREATE TABLE letters (
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
# Version 2: `printed` is 0 from the commit until the letter's document is in place (a run
# killed in between leaves it 0: the next run prints it); `numbers_used` keeps each year's
# highest number ever issued, so a row deleted by hand never gives its number to another.
_VERSION_2 = (
    "ALTER TABLE letters ADD COLUMN printed INTEGER NOT NULL DEFAULT 1",
    "CREATE TABLE numbers_used (year INTEGER PRIMARY KEY, highest INTEGER NOT NULL)",
    "INSERT INTO numbers_used SELECT year, MAX(number) FROM letters GROUP BY year",
)
_COLUMNS = (
    "year, number, dossier_code, applicant, procedure, received, due, due_has_time, "
    "letter_date, reason, new_date, days_late, made_at, output_file"
)


# A page of letters after a given (year, number, rowid), in that order: the rowid tells
# apart rows of the same number, which only a register whose key was removed can hold.
_PAGE_ROWS = 1000
_PAGE = (
    f"SELECT json_group_array(json_array(rowid, {_COLUMNS})) FROM (SELECT rowid, {_COLUMNS} "
    "FROM letters WHERE (year, number, rowid) > (?, ?, ?) ORDER BY year, number, rowid "
    f"LIMIT {_PAGE_ROWS})"
)


def _page_order(row: list) -> tuple[int, int, int]:
    return row[1], row[2], row[0]


def _moment(text: str | None, has_time: bool = False) -> Moment | None:
    return Moment(dt.datetime.fromisoformat(text), has_time) if text else None


def _letter(row: tuple) -> IssuedLetter:
    (
        year,
        number,
        code,
        applicant,
        procedure,
        received,
        due,
        due_has_time,
        letter_date,
        reason,
        new_date,
        days_late,
        _made_at,
        output_file,
    ) = row
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

    # The parameters as sqlite3 takes them (its type for them is private to the stubs).
    def execute(self, sql: str, parameters: Any = (), /) -> sqlite3.Cursor:
        try:
            return super().execute(sql, parameters)
        except sqlite3.Error as exc:
            raise RegisterFault(self.path, exc) from exc

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> sqlite3.Cursor:
        try:
            return super().executemany(sql, parameters)
        except sqlite3.Error as exc:
            raise RegisterFault(self.path, exc) from exc


def _connect(path: Path, read_only: bool) -> _Connection:
    try:
        if read_only:
            db = sqlite3.connect(
                f"{path.resolve().as_uri()}?mode=ro",
                uri=True,
                timeout=LOCK_WAIT_SECONDS,
                factory=_Connection,
            )
        else:
            # isolation_level=None: transactions are ours (BEGIN IMMEDIATE below).
            db = sqlite3.connect(
                path, timeout=LOCK_WAIT_SECONDS, isolation_level=None, factory=_Connection
            )
    except sqlite3.Error as exc:
        raise RegisterFault(path, exc) from exc
    db.path = path
    if not read_only:
        # A big batch's changed pages stay in memory until its commit: spilled into the file
        # mid-transaction, they would lock every reader out until then.
        db.execute("PRAGMA cache_spill = OFF")
    return db


def _next_number(db: sqlite3.Connection, year: int, version: int) -> int:
    (last,) = db.execute(
        "SELECT COALESCE(MAX(number), 0) FROM letters WHERE year = ?", (year,)
    ).fetchone()
    if version >= 2:
        used = db.execute("SELECT highest FROM numbers_used WHERE year = ?", (year,)).fetchone()
        last = max(last, used[0] if used else 0)
    return last + 1


class RegisterTooNew(RegisterFault):
    """A register written by a newer version of the program: its layout is unknown here."""

    def __init__(self, path: Path, version: int) -> None:
        super().__init__(path, sqlite3.DatabaseError(f"register version {version} > {VERSION}"))
        self.version = version


@dataclass(frozen=True)
class Gap:
    """Numbers of a year given out but with no row any more (rows deleted by hand)."""

    year: int
    first: int
    last: int


@dataclass(frozen=True)
class Health:
    """What `validate` says of the register beyond reading it."""

    gaps: list[Gap]
    duplicates: list[tuple[int, int, int]]  # (year, number, rows): only once the key is gone
    unprinted: list[IssuedLetter]  # numbered by a run stopped before its document was in place
    files: dict[str, list[IssuedLetter]]  # each batch document named, with its letters


def _gaps(numbers: dict[int, list[int]], highest: dict[int, int]) -> list[Gap]:
    gaps = []
    for year in sorted(numbers.keys() | highest.keys()):
        expected = 1
        for number in [*sorted(set(numbers.get(year, []))), highest.get(year, 0) + 1]:
            if number > expected:
                gaps.append(Gap(year, expected, number - 1))
            expected = max(expected, number + 1)
    return gaps


class Register:
    def __init__(self, path: Path, read_only: bool = False) -> None:
        self.path = path
        if path.is_dir():
            raise IsADirectoryError(errno.EISDIR, "register is a directory", str(path))
        regular_file(path, missing_ok=True)  # SQLite would wait forever on a FIFO
        if not read_only:
            path.parent.mkdir(parents=True, exist_ok=True)
        self.db = _connect(path, read_only)
        tables = self._tables()
        if read_only and not tables:
            # A run killed between SQLite making the file and the table: no letter yet.
            self.db.close()
            self.db = sqlite3.connect(":memory:", isolation_level=None, factory=_Connection)
            self.db.path = path
            self._migrate()
            self.version = VERSION
            return
        if tables and "letters" not in tables:
            # Another program's database: never add our table to it.
            self.db.close()
            raise RegisterFault(path, sqlite3.DatabaseError("no such table: letters"))
        self.version = self._version(tables)
        if self.version > VERSION:
            self.db.close()
            raise RegisterTooNew(path, self.version)
        if not read_only and self.version < VERSION:
            self._migrate()
            self.version = VERSION

    def _tables(self) -> set[str]:
        return {
            name
            for (name,) in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }

    def _version(self, tables: set[str]) -> int:
        (version,) = self.db.execute("PRAGMA user_version").fetchone()
        return version or (1 if "letters" in tables else 0)

    def _migrate(self) -> None:
        """Bring the register to VERSION in one transaction, from whatever version it is
        then (another run may have done it meanwhile); a copy of an older register's file
        is kept beside it first."""
        if self._version(self._tables()) == 1:
            self._keep_copy(1)
        with self._transaction():
            version = self._version(self._tables())
            if version > VERSION:
                raise RegisterTooNew(self.path, version)
            if version == 0:
                self.db.execute(_LETTERS)
            if version < 2:
                for statement in _VERSION_2:
                    self.db.execute(statement)
            self.db.execute(f"PRAGMA user_version = {VERSION}")

    def _keep_copy(self, version: int) -> None:
        copy = self.path.with_name(f"{self.path.stem}.phien-ban-{version}{self.path.suffix}")
        if copy.exists():
            return
        target = sqlite3.connect(copy)
        try:
            self.db.backup(target)
        except sqlite3.Error as exc:
            raise RegisterFault(self.path, exc) from exc
        finally:
            target.close()

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Register:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def next_number(self, year: int) -> int:
        """The number the year's next letter takes (for a preview, which spends none)."""
        return _next_number(self.db, year, self.version)

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
        """Every letter in (year, number) order, one at a time. Read a page of rows per
        SQLite call, as one JSON text: each call releases Python's lock, and a thread (the
        register's workbook) taking it back waits for the thread rendering beside it, up to
        5 ms; once a row, that was seconds for a big register."""
        after: tuple[int, int, int] = (-(1 << 62), 0, 0)
        while True:
            try:
                (page,) = self.db.execute(_PAGE, after).fetchone()
            except RegisterFault as fault:
                if "BLOB" not in str(fault.error):
                    raise
                raise self._damaged("letters") from fault
            rows = json.loads(page)
            if not rows:
                return
            rows.sort(key=_page_order)  # an aggregate's order is SQLite's to choose
            for row in rows:
                yield self._letter(row[1:])
            last = rows[-1]
            after = (last[1], last[2], last[0])

    def unprinted(self) -> list[IssuedLetter]:
        """Letters numbered by a run stopped before their document was put in place."""
        if self.version < 2:
            return []
        rows = self.db.execute(
            f"SELECT {_COLUMNS} FROM letters WHERE printed = 0 ORDER BY year, number"
        )
        return [self._letter(row) for row in rows]

    def health(self) -> Health:
        numbers: dict[int, list[int]] = {}
        files: dict[str, list[IssuedLetter]] = {}
        for letter in self.all_letters():
            numbers.setdefault(letter.year, []).append(letter.number)
            files.setdefault(letter.output_file, []).append(letter)
        highest: dict[int, int] = {}
        if self.version >= 2:
            highest = dict(self.db.execute("SELECT year, highest FROM numbers_used").fetchall())
        duplicates = self.db.execute(
            "SELECT year, number, COUNT(*) FROM letters GROUP BY year, number "
            "HAVING COUNT(*) > 1 ORDER BY year, number"
        ).fetchall()
        return Health(_gaps(numbers, highest), duplicates, self.unprinted(), files)

    def _letter(self, row: tuple) -> IssuedLetter:
        try:
            return _letter(row)
        except (ValueError, TypeError, AssertionError) as exc:
            raise self._damaged(f"letter {row[1]}/{row[0]}") from exc

    def _damaged(self, what: str) -> RegisterFault:
        """A row edited outside the program (a date that is not a date)."""
        return RegisterFault(self.path, sqlite3.DataError(f"{what} unreadable"))

    def mark_printed(self, letters: Iterable[IssuedLetter]) -> None:
        """Their documents are in place: a later run has nothing to print again for them."""
        with self._transaction():
            self.db.executemany(
                "UPDATE letters SET printed = 1 WHERE year = ? AND number = ?",
                ((letter.year, letter.number) for letter in letters),
            )

    def withdraw(self, letters: list[IssuedLetter]) -> bool:
        """Take back a batch just committed whose documents could not be put in place, if
        its numbers are still the last of their year: once another run has numbered after
        them, taking them back would leave a gap, so they stay (printed by the next run)."""
        if not letters:
            return True
        year, first, last = letters[0].year, letters[0].number, letters[-1].number
        with self._transaction():
            (kept,) = self.db.execute(
                "SELECT COUNT(*) FROM letters WHERE year = ? AND number BETWEEN ? AND ?",
                (year, first, last),
            ).fetchone()
            if not kept:  # never committed, or given back already
                return True
            if _next_number(self.db, year, self.version) != last + 1:
                return False
            self.db.execute(
                "DELETE FROM letters WHERE year = ? AND number BETWEEN ? AND ?", (year, first, last)
            )
            self.db.execute("UPDATE numbers_used SET highest = ? WHERE year = ?", (first - 1, year))
        return True

    @contextmanager
    def batch(self) -> Iterator[Batch]:
        """One transaction: every number of the batch is assigned and kept, or none is."""
        with self._transaction():
            yield Batch(self.db)

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """The block's changes kept together or not at all. SQLite undoes a transaction by
        itself after a full disk or an I/O error: a ROLLBACK then fails, and its error («no
        transaction is active») would replace the one that says what happened."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
            self.db.execute("COMMIT")
        except BaseException:
            if self.db.in_transaction:
                with suppress(RegisterFault):
                    self.db.execute("ROLLBACK")
            raise


class Batch:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def already_issued(self, codes: Iterable[str]) -> set[str]:
        return _codes(self.db) & set(codes)

    def next_number(self, year: int) -> int:
        return _next_number(self.db, year, VERSION)

    def move(self, letters: Iterable[IssuedLetter], output_file: str) -> None:
        """Letters of a stopped run, printed now in this batch's document."""
        self.db.executemany(
            "UPDATE letters SET output_file = ? WHERE year = ? AND number = ?",
            ((output_file, letter.year, letter.number) for letter in letters),
        )

    def issue(self, letters: list[IssuedLetter], made_at: dt.datetime) -> None:
        """Record numbered letters (from next_number on), not printed until their document
        is in place; the constraints refuse any number or dossier given twice."""
        self.db.executemany(
            f"INSERT INTO letters ({_COLUMNS}, printed) VALUES ({', '.join('?' * 15)})",
            (
                (
                    letter.year,
                    letter.number,
                    d.dossier_code,
                    d.applicant,
                    d.procedure,
                    d.received.value.isoformat() if d.received else None,
                    d.due.value.isoformat(),
                    int(d.due.has_time),
                    letter.letter_date.isoformat(),
                    d.reason,
                    d.new_date.isoformat(),
                    d.days_late,
                    made_at.isoformat(timespec="seconds"),
                    letter.output_file,
                    0,
                )
                for letter in letters
                for d in (letter.draft,)
            ),
        )
        highest: dict[int, int] = {}
        for letter in letters:
            highest[letter.year] = max(highest.get(letter.year, 0), letter.number)
        self.db.executemany(
            "INSERT INTO numbers_used (year, highest) VALUES (?, ?) ON CONFLICT (year) "
            "DO UPDATE SET highest = MAX(highest, excluded.highest)",
            list(highest.items()),
        )
