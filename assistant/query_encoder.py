"""Query encoding stage: the same model as ``embedding.py``, run by ONNX Runtime for one query.

Document vectors always come from the sentence-transformers (torch) encoder, the reference.
Queries are encoded by an ONNX export of the same weights, made locally once per model (torch is
needed for the export, never afterwards) and kept beside the index in ``index/encoders/``. An
export is used only after its vectors agreed with the reference on probe texts (cosine >= 0.999),
so query and document vectors stay comparable; otherwise the torch encoder is used.

Why: ``SentenceTransformer.encode`` of one short query costs ~5-9 ms, most of it Python and
torch dispatch; ONNX Runtime runs the same graph in ~3 ms on one core, and the process that
serves a current index need not import torch at all (seconds off every cold start).
"""

from __future__ import annotations

import json
import os
import sys
import threading
import uuid
import warnings
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path
from typing import Any, Literal

import numpy as np

from .embedding import Embedder, SentenceTransformerEmbedder, file_sha256
from .errors import ModelError

QueryEncoderKind = Literal["onnx", "torch"]
QUERY_ENCODERS: tuple[str, ...] = ("onnx", "torch")
EXPORT_VERSION = "1"  # bump when the export graph or its inputs change
MIN_AGREEMENT = 0.999  # cosine of ONNX and torch vectors, on every probe text
ENCODERS_DIR = "encoders"
RECENT_TOKENS = 256  # texts whose word-piece vectors the ONNX encoder keeps
PROBES = (
    "How long should I hold the knee to chest stretch?",
    "new runner and my lower back hurts after every run, is that common",
    "shoes flat feet",
    ("Is it normal to get lower back pain when you start running? Weak core muscles, tight "
    "hamstrings and hip flexors, and poor posture can all contribute to it."),
    "numbness in the saddle area and trouble peeing",
    "what about hills?",
    "Running on softer surfaces such as grass or trails reduces the impact on the spine.",
    "a",
)


@dataclass(frozen=True)
class ExportRecord:
    """What an ONNX export was made from and how closely it matched the reference."""

    model: dict[str, str]  # identity of the source weights (name, sha256)
    onnx_sha256: str
    min_cosine: float
    probes: int
    export_version: str
    versions: dict[str, str]

    def describe(self) -> dict[str, Any]:
        return {"kind": "onnx", **asdict(self)}


class OnnxQueryEncoder:
    """An ONNX Runtime session plus the model's own tokenizer; mean pooling and L2 norm in NumPy."""

    def __init__(self, onnx_path: Path, model_dir: Path, identity: dict[str, str], dimension: int,
                 threads: int = 1) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        options = ort.SessionOptions()
        # One thread per call by default: under concurrent requests more threads only contend.
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        self.session = ort.InferenceSession(str(onnx_path), options, providers=["CPUExecutionProvider"])
        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self.tokenizer.enable_truncation(_max_seq_length(model_dir))
        self.tokenizer.enable_padding()
        self._identity = dict(identity)
        self._dimension = dimension
        self.path = onnx_path
        # The word-piece vectors of the texts encoded last: the reader asks for a query's right
        # after its pooled vector, and gets them without a second run of the model.
        self._recent: OrderedDict[str, tuple[np.ndarray, Any]] = OrderedDict()  # text -> (rows, its encoding)
        self._recent_lock = threading.Lock()

    @property
    def dimension(self) -> int:
        return self._dimension

    @property
    def identity(self) -> dict[str, str]:
        return dict(self._identity)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return self._run(texts)[0]

    def token_vectors(self, texts: Sequence[str]) -> list[np.ndarray]:
        """Each text's content word pieces in context (``tokens.py``), from the last encoding of
        that text when it was recent, else from a new run."""
        with self._recent_lock:
            found = {t: self._recent[t][0] for t in texts if t in self._recent}
        missing = list(dict.fromkeys(t for t in texts if t not in found))
        if missing:
            found.update(zip(missing, self._run(missing)[1]))
        return [found[t] for t in texts]

    def token_words(self, texts: Sequence[str]) -> list[list[str]]:
        """The word each content word piece of each text belongs to (``tokens.content_words``),
        read off the tokenizer's run that encoded the text when that was recent."""
        from .tokens import content_words

        out = []
        for text in texts:
            with self._recent_lock:
                recent = self._recent.get(text)
            encoded = recent[1] if recent is not None else self.tokenizer.encode(text)
            size = sum(encoded.attention_mask)
            out.append(content_words(text, encoded.tokens[:size], encoded.word_ids[:size], encoded.offsets[:size]))
        return out

    def _run(self, texts: Sequence[str]) -> tuple[np.ndarray, list[np.ndarray]]:
        """Pooled unit vectors, and each text's content word-piece vectors (remembered)."""
        from .tokens import content_rows

        if not texts:
            return np.zeros((0, self._dimension), dtype=np.float32), []
        encodings = self.tokenizer.encode_batch(list(texts))
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        hidden = self.session.run(None, {"input_ids": ids, "attention_mask": mask,
                                         "token_type_ids": np.zeros_like(ids)})[0]
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        pooled /= np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        rows = [content_rows(hidden[i][mask[i] == 1], e.tokens[: int(mask[i].sum())]) for i, e in enumerate(encodings)]
        with self._recent_lock:
            for text, r, e in zip(texts, rows, encodings):
                self._recent[text] = (r, e)
                self._recent.move_to_end(text)
            while len(self._recent) > RECENT_TOKENS:
                self._recent.popitem(last=False)
        return np.ascontiguousarray(pooled, dtype=np.float32), rows


class _Pending:
    __slots__ = ("error", "text", "vector")

    def __init__(self, text: str) -> None:
        self.text = text
        self.vector: np.ndarray | None = None
        self.error: BaseException | None = None


class BatchingEncoder:
    """Micro-batching for concurrent requests: single queries that arrive while the encoder is busy
    are encoded together in its next call (one ONNX run for many queries costs far less than one
    each). Nothing waits for a timer: alone, a query is encoded at once, as before.

    The thread that finds the encoder idle runs it for the oldest waiting queries (its own among
    them), then hands over, so no thread serves others indefinitely.
    """

    def __init__(self, inner: Embedder, max_batch: int = 32) -> None:
        self.inner = inner
        self.max_batch = max_batch
        self._pending: list[_Pending] = []
        self._busy = False
        self._cond = threading.Condition()

    @property
    def dimension(self) -> int:
        return self.inner.dimension

    @property
    def identity(self) -> dict[str, str]:
        return self.inner.identity

    def token_vectors(self, texts: Sequence[str]) -> list[np.ndarray] | None:
        from .tokens import token_vectors

        return token_vectors(self.inner, texts)

    def token_words(self, texts: Sequence[str]) -> list[list[str]] | None:
        from .tokens import token_words

        return token_words(self.inner, texts)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if len(texts) != 1:
            return self.inner.encode(texts)
        item = _Pending(texts[0])
        with self._cond:
            self._pending.append(item)
            while item.vector is None and item.error is None:
                if self._busy:
                    self._cond.wait()
                    continue
                self._busy = True
                batch, self._pending = self._pending[: self.max_batch], self._pending[self.max_batch:]
                self._cond.release()
                try:
                    vectors, error = self.inner.encode([b.text for b in batch]), None
                except BaseException as exc:  # every waiter of this batch gets the error
                    vectors, error = None, exc
                finally:
                    self._cond.acquire()
                for n, b in enumerate(batch):
                    if vectors is not None:
                        b.vector = vectors[n]
                    else:
                        b.error = error
                self._busy = False
                self._cond.notify_all()
        if item.error is not None:
            raise item.error
        assert item.vector is not None
        return item.vector[None, :]


def _max_seq_length(model_dir: Path) -> int:
    try:
        return int(json.loads((model_dir / "sentence_bert_config.json").read_text("utf-8"))["max_seq_length"])
    except (OSError, ValueError, KeyError, TypeError):
        return 256


def _mean_pooled(model_dir: Path) -> bool:
    """The export reproduces mean pooling + normalisation only; other heads stay on torch."""
    try:
        pooling = json.loads((model_dir / "1_Pooling" / "config.json").read_text("utf-8"))
        modules = json.loads((model_dir / "modules.json").read_text("utf-8"))
    except (OSError, ValueError):
        return False
    types = [m.get("type", "").rsplit(".", 1)[-1] for m in modules]
    others = [k for k, v in pooling.items() if k.startswith("pooling_mode_") and v and k != "pooling_mode_mean_tokens"]
    return bool(pooling.get("pooling_mode_mean_tokens")) and not others and types == ["Transformer", "Pooling", "Normalize"]


def encoder_path(index_dir: Path, identity: dict[str, str]) -> Path:
    """``index/encoders/<model>-<weights sha>-v<export>.onnx``: one export per model weights."""
    return index_dir / ENCODERS_DIR / f"{identity['name']}-{identity['weights_sha256'][:16]}-v{EXPORT_VERSION}.onnx"


def _record_path(onnx_path: Path) -> Path:
    return onnx_path.with_suffix(".json")


def read_record(onnx_path: Path, identity: dict[str, str]) -> ExportRecord | None:
    """The export's record if the export is present, intact and agreed with the reference."""
    try:
        record = ExportRecord(**json.loads(_record_path(onnx_path).read_text("utf-8")))
    except (OSError, ValueError, TypeError):
        return None
    if record.model != identity or record.export_version != EXPORT_VERSION or record.min_cosine < MIN_AGREEMENT:
        return None
    if not onnx_path.is_file() or file_sha256(onnx_path) != record.onnx_sha256:
        return None
    return record


def export(reference: SentenceTransformerEmbedder, onnx_path: Path) -> ExportRecord:
    """Export the reference model's transformer to ONNX, verify it, and write both files atomically."""
    import torch

    model = reference.model[0].auto_model.eval()

    class Transformer(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            return self.model(input_ids=input_ids, attention_mask=attention_mask,
                              token_type_ids=token_type_ids).last_hidden_state

    onnx_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = onnx_path.with_name(f".{onnx_path.name}.{uuid.uuid4().hex}")
    sample = torch.ones((1, 8), dtype=torch.int64)
    names = ["input_ids", "attention_mask", "token_type_ids"]
    axes = {name: {0: "batch", 1: "tokens"} for name in [*names, "last_hidden_state"]}
    try:
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # tracer notes about the model's Python branches
            torch.onnx.export(Transformer(), (sample, sample, torch.zeros_like(sample)), str(tmp),
                              input_names=names, output_names=["last_hidden_state"], dynamic_axes=axes,
                              opset_version=17, dynamo=False)
        candidate = OnnxQueryEncoder(tmp, reference.model_dir, reference.identity, reference.dimension)
        agreement = float((candidate.encode(PROBES) * reference.encode(PROBES)).sum(axis=1).min())
        record = ExportRecord(reference.identity, file_sha256(tmp), round(agreement, 6), len(PROBES),
                              EXPORT_VERSION, _versions())
        os.replace(tmp, onnx_path)
    finally:
        tmp.unlink(missing_ok=True)
    rec_tmp = onnx_path.with_name(f".{onnx_path.stem}.{uuid.uuid4().hex}.json")
    rec_tmp.write_text(json.dumps(asdict(record), indent=2), "utf-8")
    os.replace(rec_tmp, _record_path(onnx_path))
    return record


def _versions() -> dict[str, str]:
    out = {}
    for name in ("torch", "onnxruntime", "transformers", "tokenizers"):
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "absent"
    return out


def open_query_encoder(index_dir: Path, embedder: Embedder, kind: str = "onnx", threads: int = 1,
                       log: Callable[[str], None] | None = None) -> tuple[Embedder, dict[str, Any]]:
    """The encoder for queries and a description of it for the manifest.

    ``onnx`` uses (or makes, once, under the index lock) a verified export of ``embedder``'s model;
    if that is impossible (onnxruntime missing, another model head, disagreement, read-only
    folder) it says why and falls back to ``embedder`` itself. ``torch`` always uses ``embedder``.
    """
    say = log or (lambda msg: print(msg, file=sys.stderr))
    if kind not in QUERY_ENCODERS:
        raise ModelError(f"ASSISTANT_QUERY_ENCODER must be one of {', '.join(QUERY_ENCODERS)}, not {kind!r}.")
    reference = {"kind": "torch", "model": embedder.identity}
    if kind == "torch" or not isinstance(embedder, SentenceTransformerEmbedder) or not _mean_pooled(embedder.model_dir):
        return embedder, reference
    try:
        import onnxruntime  # noqa: F401
    except ImportError:
        say("onnxruntime is not installed: encoding queries with torch (slower). "
            "Run `pip install onnxruntime onnx` to enable the fast query encoder.")
        return embedder, reference
    path = encoder_path(index_dir, embedder.identity)
    record = read_record(path, embedder.identity)
    if record is None:
        record = _export_locked(embedder, path, say)
        if record is None:
            return embedder, reference
    encoder = OnnxQueryEncoder(path, embedder.model_dir, embedder.identity, embedder.dimension, threads)
    return BatchingEncoder(encoder), {**record.describe(), "file": path.relative_to(index_dir).as_posix()}


def _export_locked(embedder: SentenceTransformerEmbedder, path: Path,
                   say: Callable[[str], None]) -> ExportRecord | None:
    from filelock import FileLock, Timeout

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with FileLock(str(path.parent / ".lock"), timeout=600):
            record = read_record(path, embedder.identity)  # another process may have made it
            if record is None:
                say(f"Exporting the query encoder to {path} (once per model).")
                record = export(embedder, path)
    except (OSError, Timeout) as exc:
        say(f"Warning: cannot write the query encoder to {path.parent} "
            f"({getattr(exc, 'strerror', None) or exc}); encoding queries with torch.")
        return None
    except Exception as exc:  # an export that fails must not stop the assistant: torch still works
        say(f"Warning: the ONNX export failed ({type(exc).__name__}: {exc}); encoding queries with torch.")
        return None
    if record.min_cosine < MIN_AGREEMENT:
        say(f"Warning: the ONNX query encoder disagrees with torch (cosine {record.min_cosine} < "
            f"{MIN_AGREEMENT}); encoding queries with torch.")
        return None
    return record
