"""backpain-assistant: grounded, cited answers about lower back pain and running."""

from .answer import Answer, Citation
from .config import Settings
from .core import Assistant
from .errors import AssistantError, ConfigError, CorpusError, IndexStoreError, InvalidInputError, ModelError
from .retrieval import Hit

__all__ = [
    "Answer",
    "Assistant",
    "AssistantError",
    "Citation",
    "ConfigError",
    "CorpusError",
    "Hit",
    "IndexStoreError",
    "InvalidInputError",
    "ModelError",
    "Settings",
]
