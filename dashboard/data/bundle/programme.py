"""The programme's own record: the 2006 review report that names the pilot and study provinces."""
from __future__ import annotations

SOURCES = [
    {
        "source_id": "UNDP-XK-REVIEW-2006",
        "title_en": "Report of Annual Review Meeting on the 'Support All-around Xiaokang Society' Programme (Beijing, 26 September 2006)",
        "title_zh": "“全面建设小康社会支持项目”年度审查会议报告（2006年9月26日，北京）",
        "publisher": "UNDP / NDRC programme office",
        "year": "2006",
        "table": "Part II.2 (field investigations and case studies); conclusions iii-iv (Yunnan)",
        "url": "",
        "licence": "Programme document",
        "via": "Project seed document",
        "doubts": "Names Yunnan as a new pilot province. The five original pilot provinces are not named; Guizhou, Henan, Shanxi (field investigations) and Gansu, Hainan (case studies) are study provinces, not known pilots.",
    }
]
