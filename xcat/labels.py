"""The words for statuses, events, equivalence and kinds of source, Chinese first with English:
one place for the pages, the feeds and the change report, so they always say the same thing."""
from __future__ import annotations

STATUS = {
    "active": ("有效", "Active"),
    "suspended": ("暂停", "Suspended"),
    "replaced": ("已替代", "Replaced"),
    "withdrawn": ("已退出", "Withdrawn"),
    "revoked": ("已撤销", "Revoked"),
}
EVENT = {
    "introduced": ("发布", "Introduced"),
    "renamed": ("更名", "Renamed"),
    "organization_changed": ("更换评价组织", "Organization changed"),
    "levels_changed": ("等级调整", "Levels changed"),
    "suspended": ("暂停", "Suspended"),
    "reinstated": ("恢复", "Reinstated"),
    "replaced": ("被替代", "Replaced"),
    "merged": ("被合并", "Merged"),
    "withdrawn": ("退出", "Withdrawn"),
    "revoked": ("撤销", "Revoked"),
}
EQUIVALENCE = {
    "full": ("完全等同", "fully equivalent"),
    "partial": ("部分等同", "partly equivalent"),
    "none": ("不等同", "not equivalent"),
}
SOURCE_KIND = {
    "official": ("官方", "Official"),
    "secondary": ("二手", "Secondary"),
    "paper": ("论文", "Paper"),
}


def both(table: dict[str, tuple[str, str]], key: str) -> str:
    """'有效 Active': the label in both languages, or the key itself if it has none."""
    zh, en = table.get(key, (key, key))
    return f"{zh} {en}"
