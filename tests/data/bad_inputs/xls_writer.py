"""A minimal Excel 97-2003 (.xls, BIFF8 in an OLE2 compound file) writer for the bad-input corpus.

No library on PyPI we use writes .xls, and the corpus must not copy the real NBS downloads; so
this writes the few records a reader needs (BOF, BOUNDSHEET, SST, DIMENSIONS, NUMBER, LABELSST,
EOF) into a version-3 compound file with 512-byte sectors. Options add what the corpus is about:
a FILEPASS record (password), a VBA storage (macros), a far-out cell (huge sheet).
"""
from __future__ import annotations

import struct

SECTOR = 512
FREE, END, FAT_SECTOR, NO_STREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _record(kind: int, data: bytes = b"") -> bytes:
    return struct.pack("<HH", kind, len(data)) + data


def _bof(substream: int) -> bytes:
    return _record(0x0809, struct.pack("<HHHHII", 0x0600, substream, 0x0DBB, 0x07CC, 0, 0x0006))


def _unicode(text: str, length_bytes: int) -> bytes:
    """An XLUnicodeString (UTF-16, flag 1) with a 1- or 2-byte character count."""
    length = struct.pack("<B" if length_bytes == 1 else "<H", len(text))
    return length + b"\x01" + text.encode("utf-16-le")


def workbook_stream(rows: list[list[object]], *, sheet: str = "数据", password: bool = False,
                    far_cell: tuple[int, int] | None = None) -> bytes:
    """The BIFF8 Workbook stream of one worksheet holding `rows` (str or number cells)."""
    strings = list(dict.fromkeys(c for row in rows for c in row if isinstance(c, str)))
    sst = _record(0x00FC, struct.pack("<II", len(strings), len(strings)) + b"".join(_unicode(s, 2) for s in strings))
    head = _bof(0x0005) + (_record(0x002F, b"\x00" * 50) if password else b"")

    def globals_(sheet_offset: int) -> bytes:
        boundsheet = _record(0x0085, struct.pack("<IBB", sheet_offset, 0, 0) + _unicode(sheet, 1))
        return head + boundsheet + sst + _record(0x000A)

    cells = []
    last_row = max(len(rows), (far_cell[0] + 1) if far_cell else 0)
    last_col = max(max((len(r) for r in rows), default=0), (far_cell[1] + 1) if far_cell else 0)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, str):
                cells.append(_record(0x00FD, struct.pack("<HHHI", r, c, 0, strings.index(value))))
            elif value is not None:
                cells.append(_record(0x0203, struct.pack("<HHHd", r, c, 0, float(value))))
    if far_cell:
        cells.append(_record(0x0203, struct.pack("<HHHd", far_cell[0], far_cell[1], 0, 1.0)))
    sheet_stream = (_bof(0x0010) + _record(0x0200, struct.pack("<IIHHH", 0, last_row, 0, last_col, 0))
                    + b"".join(cells) + _record(0x000A))
    offset = len(globals_(0))  # the sheet's BOF follows the globals, whose length does not depend on it
    return globals_(offset) + sheet_stream


def _entry(name: str, kind: int, start: int, size: int, *, child: int = NO_STREAM, right: int = NO_STREAM) -> bytes:
    """One 128-byte directory entry (MS-CFB 2.6)."""
    encoded = name.encode("utf-16-le") + b"\x00\x00"
    data = encoded.ljust(64, b"\x00") + struct.pack("<HBB", len(encoded), kind, 1)
    data += struct.pack("<III", NO_STREAM, right, child) + b"\x00" * 16 + b"\x00" * 4 + b"\x00" * 16
    return data + struct.pack("<IQ", start, size)


def compound_file(workbook: bytes, *, extra: tuple[tuple[str, int], ...] = ()) -> bytes:
    """An OLE2 file holding the Workbook stream (padded to 4 KB, so no mini stream is needed) and
    `extra` empty entries (name, kind: 1 storage, 2 stream), e.g. ('_VBA_PROJECT_CUR', 1)."""
    stream = workbook.ljust(max(4096, -(-len(workbook) // SECTOR) * SECTOR), b"\x00")
    n_stream = len(stream) // SECTOR
    entries = [("Root Entry", 5), ("Workbook", 2), *extra]
    n_dir = -(-len(entries) // 4)
    # Sector 0: the FAT; then the Workbook stream; then the directory.
    fat = [FAT_SECTOR] + [i + 2 for i in range(n_stream - 1)] + [END]
    fat += [i + 2 + n_stream for i in range(n_dir - 1)] + [END]
    fat += [FREE] * (SECTOR // 4 - len(fat))
    directory = b""
    for index, (name, kind) in enumerate(entries):
        right = index + 1 if 0 < index < len(entries) - 1 else NO_STREAM
        if kind == 5:
            directory += _entry(name, 5, END, 0, child=1)
        elif name == "Workbook":
            # The padded size: a stream under 4 KB would have to live in the mini stream.
            directory += _entry(name, 2, 1, len(stream), right=right)
        else:
            directory += _entry(name, kind, END if kind == 2 else 0, 0, right=right)
    directory = directory.ljust(n_dir * SECTOR, b"\x00")
    header = MAGIC + b"\x00" * 16 + struct.pack("<HHHHH", 0x003E, 0x0003, 0xFFFE, 9, 6) + b"\x00" * 6
    header += struct.pack("<IIIIIIIII", 0, 1, 1 + n_stream, 0, 4096, END, 0, END, 0)
    header += struct.pack("<109I", 0, *([FREE] * 108))
    return header + struct.pack(f"<{SECTOR // 4}I", *fat) + stream + directory
