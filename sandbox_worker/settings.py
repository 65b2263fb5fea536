"""The sandbox worker's settings, from AGENTBUILDER_SANDBOX_* variables and its command line."""

from __future__ import annotations

import os

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class WorkerSettings(BaseSettings):
    """Sandbox worker configuration; built once at start-up and passed down."""

    model_config = SettingsConfigDict(env_prefix="AGENTBUILDER_SANDBOX_", extra="ignore")

    host: str = Field(default="127.0.0.1", description="Interface the worker binds (internal).")
    port: int = Field(default=50061, ge=0, le=65535, description="gRPC port; 0 picks one.")
    metrics_port: int | None = Field(
        default=None,
        ge=0,
        le=65535,
        description="Prometheus /metrics port; 0 picks one; unset serves none.",
    )
    otlp_endpoint: str = Field(
        default="",
        validation_alias=AliasChoices(
            "AGENTBUILDER_SANDBOX_OTLP_ENDPOINT", "AGENTBUILDER_OTLP_ENDPOINT", "otlp_endpoint"
        ),
        description="OTLP/gRPC collector for traces, like the server's; empty: tracing off.",
    )
    slots: int = Field(
        default_factory=lambda: os.cpu_count() or 2,
        ge=1,
        description="Runs executed at the same time.",
    )
    queue: int = Field(
        default=64,
        ge=0,
        description="Runs that may wait for a slot; beyond that, RESOURCE_EXHAUSTED.",
    )
    prefork: int = Field(default=2, ge=0, description="Isolated children kept forked ahead.")
    default_timeout_ms: int = Field(
        default=5000, ge=1, description="Wall-clock limit of a run whose request sets none."
    )
    default_memory_mb: int = Field(
        default=128, ge=1, description="Address-space limit of a run whose request sets none."
    )
    default_max_output_bytes: int = Field(
        default=1024 * 1024, ge=1, description="Output size limit of a run whose request sets none."
    )
    max_timeout_ms: int = Field(
        default=60_000, ge=1, description="Largest timeout_ms a request may ask for."
    )
    max_memory_mb: int = Field(
        default=1024, ge=1, description="Largest memory_mb a request may ask for."
    )
    max_output_bytes: int = Field(
        default=3 * 1024 * 1024, ge=1, description="Largest max_output_bytes a request may ask for."
    )
    max_message_bytes: int = Field(
        default=8 * 1024 * 1024, description="Largest request or response message accepted."
    )
    uid: int = Field(default=65534, description="uid children run as when the worker is root.")
    gid: int = Field(default=65534, description="gid children run as when the worker is root.")
    seccomp: bool = Field(default=True, description="Filter children's syscalls (libseccomp).")
    network_namespace: bool = Field(
        default=True, description="Put each child in a new, empty network namespace."
    )
    shutdown_grace_seconds: float = Field(
        default=10.0, description="Time running executions get to finish on shutdown."
    )
    parent_pid: int = Field(
        default=0,
        description="Stop when this process is gone (set by `agentbuilder up` for its workers).",
    )
    log_level: str = Field(default="INFO", description="Minimum log level.")
    log_format: str = Field(
        default="json",
        pattern="^(json|console)$",
        description="json (one line per event) or console.",
    )

    def zygote_config(self) -> dict:
        """What the zygote needs to know to isolate children."""
        return {
            "uid": self.uid,
            "gid": self.gid,
            "seccomp": self.seccomp,
            "network_namespace": self.network_namespace,
        }
