"""Helpers for the Salesforce import tests: write small metadata files to disk."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

NAMESPACE = "http://soap.sforce.com/2006/04/metadata"

WriteMetadata = Callable[..., Path]


@pytest.fixture
def write_metadata(tmp_path: Path) -> WriteMetadata:
    """write_metadata("Lead.workflow-meta.xml", "<rules>…</rules>", root="Workflow")."""

    def write(name: str, body: str, *, root: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<{root} xmlns="{NAMESPACE}">\n{body}\n</{root}>\n',
            encoding="utf-8",
        )
        return path

    return write


@pytest.fixture
def write_flow(write_metadata: WriteMetadata) -> Callable[[str], Path]:
    """write_flow(body): an active record-triggered flow file holding ``body``."""

    def write(body: str, name: str = "Test_Flow.flow-meta.xml") -> Path:
        settings = (
            "<apiVersion>60.0</apiVersion><label>Test Flow</label>"
            "<processType>AutoLaunchedFlow</processType><status>Active</status>"
        )
        return write_metadata(name, settings + body, root="Flow")

    return write
