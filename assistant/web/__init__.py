"""The web chat: a Gradio Blocks app over one library, one module per part of the page.

- app.py: the layout, the events that tie the parts together, login and serving;
- chat.py: the conversation (streaming, Stop, waiting questions, retry/edit, filters, export);
- sources.py: each answer's own sources and the links from its [n] markers to them;
- papers.py: the Papers tab (chart, searchable and sortable table);
- rendering.py: text safety shared by all of them (escaping, which links may leave the app);
- assets.py: the stylesheet and the page's small scripts.

Programmatic use goes through one named endpoint::

    from gradio_client import Client
    answer, details = Client("http://127.0.0.1:7860/").predict(
        "What does the most recent paper propose?", "ask", api_name="/ask")

Nothing here calls out to the internet: no share link, no analytics, the default theme's fonts are local.
"""

import os

os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"  # before gradio is imported: nothing may phone home
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")

from assistant.web.app import (  # noqa: E402
    CONCURRENCY,
    Logins,
    build_app,
    is_loopback,
    launch,
    read_auth,
    serve,
    status_html,
)
from assistant.web.chat import make_filters  # noqa: E402

__all__ = ["CONCURRENCY", "Logins", "build_app", "is_loopback", "launch", "make_filters", "read_auth", "serve",
           "status_html"]
