"""What may be attached to a record: a PDF or an image (PNG, JPEG), recognised by its first
bytes, never by the name's extension (a renamed .exe is still refused), within the size limit
the school sets (``school.attachment_limit_mb``)."""
from __future__ import annotations

from .errors import ValidationError

# First bytes -> media type. A file is what its content says it is.
MAGIC = ((b"%PDF-", "application/pdf"),
         (b"\x89PNG\r\n\x1a\n", "image/png"),
         (b"\xff\xd8\xff", "image/jpeg"))
KIND_TEXT = {"application/pdf": "PDF", "image/png": "immagine PNG",
             "image/jpeg": "immagine JPEG"}
SUFFIX = {"application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg"}
DEFAULT_LIMIT_MB, MAX_LIMIT_MB = 10, 100
MB = 1024 * 1024
MAX_NAME = 255
MAX_REASON = 2000



def media_type(data: bytes) -> str | None:
    """The media type of ``data`` from its first bytes, or None if it is no PDF or image."""
    return next((kind for magic, kind in MAGIC if data.startswith(magic)), None)


def size_text(size: int) -> str:
    """«1,5 MB», «820 KB», «12 byte»: the Italian way, a comma for decimals."""
    if size >= MB:
        return f"{size / MB:.1f} MB".replace(".", ",")
    if size >= 1024:
        return f"{size // 1024} KB"
    return f"{size} byte"


def check_file(name: str, data: bytes, limit_mb: int) -> str:
    """The media type of a file that may be attached, or ValidationError naming the file."""
    if not data:
        raise ValidationError({"file": f"Il file «{name}» è vuoto: non è stato allegato."})
    kind = media_type(data)
    if kind is None:
        raise ValidationError({"file": (
            f"Il file «{name}» non è un PDF né un'immagine PNG o JPEG: non è stato allegato. "
            "Si allegano soltanto documenti PDF e immagini (scansioni, fotografie).")})
    if len(data) > limit_mb * MB:
        raise ValidationError({"file": (
            f"Il file «{name}» è di {size_text(len(data))} e supera il limite di {limit_mb} MB "
            "fissato dall'istituto: non è stato allegato (ridurne la risoluzione o "
            "cambiare il limite in Impostazioni › Istituto).")})
    return kind


def check_limit(value) -> int:
    """The school's limit in MB, from 1 to MAX_LIMIT_MB."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_LIMIT_MB:
        raise ValidationError({"attachment_limit_mb": (
            f"Il limite degli allegati va da 1 a {MAX_LIMIT_MB} MB.")})
    return value
