"""The plain baseline a developer would write first: ``SentenceTransformer.encode`` of each query
and a search of an ``IndexFlatIP`` holding the same chunk vectors. Every figure is compared to it."""

from __future__ import annotations

import time
from typing import Any

import numpy as np

from assistant import Assistant

from .latency import Question
from .stats import Summary, median_of, summarize


class PlainBaseline:
    def __init__(self, bot: Assistant) -> None:
        import faiss
        from sentence_transformers import SentenceTransformer

        from assistant.embedding import bundled_model_dir

        model_dir = getattr(bot.embedder, "model_dir", None) or bundled_model_dir()
        self.model = SentenceTransformer(str(model_dir), device="cpu", local_files_only=True)
        dense = bot.index.dense
        vectors = np.vstack([dense.reconstruct(i) for i in range(dense.ntotal)]).astype(np.float32)
        self.index: Any = faiss.IndexFlatIP(vectors.shape[1])
        self.index.add(vectors)

    def search(self, text: str, k: int = 5) -> Any:
        vector = self.model.encode([text], normalize_embeddings=True, convert_to_numpy=True,
                                   show_progress_bar=False)
        return self.index.search(vector, k)

    def encode_only(self, text: str) -> Any:
        return self.model.encode([text], normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)


def measure(baseline: PlainBaseline, questions: list[Question], rounds: int,
            op: str = "search") -> Summary:
    fn = baseline.search if op == "search" else baseline.encode_only
    for q in questions[:3]:
        fn(q.text)
    results = []
    for _ in range(rounds):
        times = []
        for q in questions:
            start = time.perf_counter()
            fn(q.text)
            times.append(time.perf_counter() - start)
        results.append(summarize(times))
    return median_of(results)
