"""What each appendix template receives: plain values, one entry per printed row (no I/O)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from kehoach_docs.documents.templates import APPENDIX_TEMPLATES
from kehoach_docs.domain.nd30 import roman
from kehoach_docs.domain.plan import Appendix, Plan, TableKind, Unit


@dataclass(frozen=True)
class AppendixJob:
    file_name: str
    template: str
    context: dict[str, Any]
    title: str  # the document's title property: "Phụ lục I - <the appendix's title>"


def _cell(lines: tuple[str, ...]) -> list[str]:
    # A table cell needs at least one paragraph, or Word reports the file as damaged.
    return list(lines) or [""]


def _section_title(number: str, title: str) -> str:
    return f"{number}. {title}" if number else title


def _sections(appendix: Appendix) -> list[dict[str, Any]]:
    if appendix.kind is TableKind.TASKS:
        return [
            {
                "so": section.number,
                "ten": section.title,
                "dong": [
                    {
                        "so": row.number,
                        "nhiem_vu": _cell(row.task),
                        "san_pham": _cell(row.products),
                        "tien_do": row.progress,
                        "chu_tri": row.lead,
                        "phoi_hop": row.support,
                    }
                    for row in section.rows
                ],
            }
            for section in appendix.sections
        ]
    return [
        {
            "so": section.number,
            "ten": section.title,
            "tieu_de": _section_title(section.number, section.title),
            "noi_dung": [
                {
                    "ten": group.content,
                    "nhiem_vu": [
                        {
                            "giai_phap": _cell(task.solution),
                            "thuc_hien": task.executor,
                            "phoi_hop": task.support,
                            "thoi_gian": task.time,
                        }
                        for task in group.tasks
                    ],
                }
                for group in section.groups
                if group.tasks
            ],
        }
        for section in appendix.sections
    ]


def appendix_jobs(plan: Plan, unit: Unit) -> list[AppendixJob]:
    """One document per appendix, numbered I, II, III in the order of the plan."""
    jobs = []
    for index, appendix in enumerate(plan.appendices, start=1):
        number = roman(index)
        context = {
            "phu_luc": {"so": number, "tieu_de": appendix.title.upper()},
            "ke_hoach": {"so": plan.number, "ngay": plan.date, "nam": plan.year},
            "don_vi": {"ten_day_du": unit.full_name, "ky_hieu": unit.code, "dia_danh": unit.place},
            "muc": _sections(appendix),
        }
        jobs.append(
            AppendixJob(
                file_name=f"ke-hoach-{plan.year}-phu-luc-{number}.docx",
                template=APPENDIX_TEMPLATES[appendix.kind],
                context=context,
                title=f"Phụ lục {number} - {appendix.title}",
            )
        )
    return jobs


def document_stamp(plan: Plan) -> dt.datetime:
    """The time written into the document's properties: the plan's own date, so that
    the same plan always gives the same file."""
    date = plan.date
    return dt.datetime(date.year or plan.year, date.month or 1, date.day or 1, tzinfo=dt.UTC)
