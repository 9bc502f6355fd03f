"""Worker processes with a pipe each way: ``python -m MODULE ARGS`` where the two pipe ends stand among
the arguments (the query workers of kg.store.embedded.workers, the validation workers of
kg.validation.workers). The child finds this checkout's packages first (PYTHONPATH), whatever the
working directory."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from multiprocessing.connection import Connection
from pathlib import Path

_SOURCE_ROOT = str(Path(__file__).resolve().parents[1])  # the directory that holds the kg package


class Child:
    """One worker process, ``inbox`` (what it sends) and ``outbox`` (what it reads)."""

    def __init__(self, module: str, before: Sequence[str], after: Sequence[str] = ()) -> None:
        """Start ``python -m module *before IN_FD OUT_FD *after`` (the child reads IN_FD, writes OUT_FD)."""
        to_child, from_parent = os.pipe()
        to_parent, from_child = os.pipe()
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join(filter(None, [_SOURCE_ROOT, os.environ.get("PYTHONPATH")])),
        }
        self.process = subprocess.Popen(
            [sys.executable, "-m", module, *before, str(to_child), str(from_child), *after],
            pass_fds=(to_child, from_child),
            env=env,
            stdin=subprocess.DEVNULL,
        )
        os.close(to_child)
        os.close(from_child)
        self.inbox = Connection(to_parent, writable=False)
        self.outbox = Connection(from_parent, readable=False)

    def stop(self) -> None:
        """Close the pipes and end the process (killed if it is still running)."""
        self.outbox.close()
        self.inbox.close()
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=5)
