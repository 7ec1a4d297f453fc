"""The delivery journal inside a campaign file: the fate of every message.

Per recipient: queued -> sending -> sent | failed | deferred -> ... | in_doubt.
``sending`` is committed before SMTP DATA and ``sent`` after the 250, so a crash between the two
leaves ``sending``, which becomes ``in_doubt`` when the campaign is reopened."""

from __future__ import annotations

QUEUED, SENDING, SENT, FAILED, DEFERRED, IN_DOUBT = (
    "queued",
    "sending",
    "sent",
    "failed",
    "deferred",
    "in_doubt",
)
STATES = (QUEUED, SENDING, SENT, FAILED, DEFERRED, IN_DOUBT)
