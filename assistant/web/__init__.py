"""Web layer: the Gradio chat UI (and, later, the JSON API and embeddable widget)."""
