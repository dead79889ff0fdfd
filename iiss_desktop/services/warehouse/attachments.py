"""Attachments of an article of the magazzino (a data sheet, a safety sheet, a photo)."""
from __future__ import annotations

from ...areas.warehouse import MASTER_DATA, REQUEST
from ...db.access import requires
from ...db.engine import Database
from ...domain.errors import DomainError
from ...models.warehouse import Article, Request
from .. import attachments

KIND, REQUEST_KIND = "warehouse_article", "warehouse_request"


def _article(s, article_id: int) -> Article:
    article = s.get(Article, article_id)
    if article is None:
        raise DomainError("Articolo inesistente.")
    return article


@requires(MASTER_DATA)
def attach_to_article(db: Database, article_id: int, path) -> int:
    """Attach a PDF or image file to an article."""
    return attachments._attach_file(db, KIND, article_id, path, lambda s: _article(s, article_id))


@requires(MASTER_DATA)
def withdraw_article_attachment(db: Database, article_id: int, attachment_id: int,
                                reason: str) -> None:
    """Withdraw a wrong attachment of an article, with the reason (never deleted)."""
    attachments._withdraw_file(db, KIND, article_id, attachment_id, reason,
                              lambda s: _article(s, article_id))


def _request(s, request_id: int) -> Request:
    request = s.get(Request, request_id)
    if request is None:
        raise DomainError("Richiesta di materiale inesistente.")
    return request


@requires(REQUEST)
def attach_to_request(db: Database, request_id: int, path) -> int:
    """Attach a PDF or image to a material request (the signed paper request)."""
    return attachments._attach_file(db, REQUEST_KIND, request_id, path,
                                   lambda s: _request(s, request_id))


@requires(REQUEST)
def withdraw_request_attachment(db: Database, request_id: int, attachment_id: int,
                                reason: str) -> None:
    """Withdraw a wrong attachment of a request, with the reason (never deleted)."""
    attachments._withdraw_file(db, REQUEST_KIND, request_id, attachment_id, reason,
                              lambda s: _request(s, request_id))
