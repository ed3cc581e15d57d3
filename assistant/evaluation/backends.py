"""Backends: what the evaluation runs against, an in-process Assistant or a running server.

Both hand back the public JSON (``Answer.to_dict()``, ``Hit.to_dict()``), and everything is scored
from that JSON, so in-process and HTTP runs give identical numbers.
"""

from __future__ import annotations

import re
import time
from typing import TYPE_CHECKING, Any, Mapping, Protocol, Sequence

from ..answer import STATUSES
from ..errors import AssistantError, InvalidInputError

if TYPE_CHECKING:  # heavy imports stay out of ``--help``
    from ..core import Assistant


class BackendError(AssistantError):
    """The server under evaluation cannot be reached or answered with something unexpected."""


class Backend(Protocol):
    """What the evaluation needs from the system under test; every result is the public JSON."""

    description: str

    def search(self, query: str, k: int, mode: str) -> list[dict[str, Any]]:
        """``Hit.to_dict()`` of the ``k`` best chunks."""
        ...

    def ask(self, question: str, history: Sequence[Mapping[str, str]]) -> dict[str, Any]:
        """``Answer.to_dict()``."""
        ...

    def manifest(self) -> dict[str, Any]:
        """``Manifest.to_dict()`` of the index being served."""
        ...


class LocalBackend:
    """An :class:`Assistant` in this process."""

    def __init__(self, bot: "Assistant") -> None:
        self.bot = bot
        self.description = "in-process"

    def search(self, query: str, k: int, mode: str) -> list[dict[str, Any]]:
        return [hit.to_dict() for hit in self.bot.search(query, k=k, mode=mode)]

    def ask(self, question: str, history: Sequence[Mapping[str, str]]) -> dict[str, Any]:
        return self.bot.ask(question, history=list(history)).to_dict()

    def manifest(self) -> dict[str, Any]:
        return self.bot.index.manifest.to_dict()


class HttpBackend:
    """A running server, through ``/api/search``, ``/api/ask`` and ``/api/health``."""

    def __init__(self, url: str, timeout: float = 30.0, max_wait: float = 300.0) -> None:
        import httpx

        if not re.match(r"^https?://[^/\s]+", url):
            raise InvalidInputError(f"--url must be an http(s) address such as http://127.0.0.1:7860, not {url!r}.")
        self.url = url.rstrip("/")
        self.description = self.url
        self._httpx = httpx
        self._client = httpx.Client(base_url=self.url, timeout=timeout)
        self._max_wait = max_wait  # total seconds to spend waiting out rate limits (HTTP 429)

    def close(self) -> None:
        self._client.close()

    def _request(self, method: str, path: str, **kwargs: Any) -> Any:
        waited = 0.0
        while True:
            try:
                response = self._client.request(method, path, **kwargs)
            except self._httpx.HTTPError as exc:
                raise BackendError(f"Cannot reach the server at {self.url} ({type(exc).__name__}: {exc}); "
                                   "start it with `python -m assistant serve` or check --url.") from None
            if response.status_code == 429 and waited < self._max_wait:
                delay = min(_retry_after(response), self._max_wait - waited)
                time.sleep(delay)
                waited += delay
                continue
            break
        try:
            data = response.json()
        except ValueError:
            data = None
        # An invalid question still comes back as an Answer (status invalid_input) with a 4xx code.
        if response.status_code == 200 or (path == "/api/ask" and isinstance(data, dict)
                                           and data.get("status") in STATUSES):
            if data is None:
                raise BackendError(f"{method} {self.url}{path} did not return JSON.")
            return data
        hint = (" The server is rate-limiting: start it with ASSISTANT_RATE_LIMIT=off for evaluation."
                if response.status_code == 429 else "")
        raise BackendError(f"{method} {self.url}{path} answered HTTP {response.status_code}: "
                           f"{response.text[:200]!r}.{hint}")

    def search(self, query: str, k: int, mode: str) -> list[dict[str, Any]]:
        data = self._request("GET", "/api/search", params={"q": query, "k": k, "mode": mode})
        if not isinstance(data, dict) or not isinstance(data.get("hits"), list):
            raise BackendError(f"GET {self.url}/api/search did not return {{\"query\": ..., \"hits\": [...]}}.")
        return data["hits"]

    def ask(self, question: str, history: Sequence[Mapping[str, str]]) -> dict[str, Any]:
        data = self._request("POST", "/api/ask", json={"question": question, "history": list(history)})
        if not isinstance(data, dict) or not {"status", "answer", "citations"} <= set(data):
            raise BackendError(f"POST {self.url}/api/ask did not return an answer object.")
        return data

    def manifest(self) -> dict[str, Any]:
        data = self._request("GET", "/api/health")
        if not isinstance(data, dict) or data.get("status") != "ok" or not isinstance(data.get("manifest"), dict):
            raise BackendError(f"GET {self.url}/api/health did not report status ok with a manifest: {data!r:.200}.")
        return data["manifest"]


def _retry_after(response: Any) -> float:
    try:
        return max(0.5, float(response.headers.get("retry-after", "1")))
    except ValueError:
        return 1.0
