"""Why a pull failed, said so that the user knows what to change."""

from __future__ import annotations

from simulator.errors import RevsimError


class PullError(RevsimError):
    """A pull that could not finish; the model folder is left as it was."""


def network_error(platform: str, host: str, reason: object) -> PullError:
    """The platform could not be reached at all."""
    return PullError(
        f"cannot reach {platform} at {host}: {_first_line(reason)}",
        expected="a working network connection to " + host,
        fix="check the connection, a proxy (HTTPS_PROXY) or a firewall, "
        "then pull again; nothing was written",
    )


def rate_limited(
    platform: str, place: str, attempts: int, wait: str | None
) -> PullError:
    """Still 429 Too Many Requests after every retry."""
    asked = f"; it asks to wait {wait} s" if wait else ""
    return PullError(
        f"{platform} still answered 429 Too Many Requests after "
        f"{attempts} attempts{asked}",
        place=place,
        expected="a request within the rate limit",
        fix="wait a while and pull again: other apps using the same "
        "account share its limit",
    )


def _first_line(reason: object) -> str:
    text = str(reason).strip()
    return text.splitlines()[0] if text else type(reason).__name__
