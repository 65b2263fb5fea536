"""The one typed settings object. Every knob is read here, from AGENTBUILDER_* variables."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Server configuration; built once at start-up and passed down."""

    model_config = SettingsConfigDict(env_prefix="AGENTBUILDER_", extra="ignore")

    database_url: SecretStr | None = Field(
        default=None,
        description="PostgreSQL URL (postgresql://user:pass@host/db). Unset: an embedded "
        "PostgreSQL in data_dir is started.",
    )
    data_dir: Path = Field(
        default=Path(".agentbuilder"),
        description="Directory for the embedded PostgreSQL data and the dev API key.",
    )
    grpc_host: str = Field(default="127.0.0.1", description="Interface the gRPC server binds.")
    grpc_port: int = Field(default=50051, ge=0, le=65535, description="gRPC port; 0 picks one.")
    max_message_bytes: int = Field(
        default=4 * 1024 * 1024, description="Largest request or response message accepted."
    )
    shutdown_grace_seconds: float = Field(
        default=10.0, description="Time in-flight RPCs get to finish on shutdown."
    )
    db_pool_size: int = Field(default=10, ge=1, description="Connections kept in the pool.")
    db_max_overflow: int = Field(
        default=10, ge=0, description="Extra connections opened under bursts beyond the pool."
    )
    db_read_pool_size: int = Field(
        default=10,
        ge=1,
        description="Connections of the read pool: plain asyncpg connections that hot reads (gets "
        "by id, list pages, API key lookups) use outside transactions.",
    )
    db_pre_ping: bool = Field(
        default=False,
        description="Ping pooled connections before use (a round trip per request). Off: after "
        "a database restart a request that meets a dead connection fails with UNAVAILABLE and "
        "the pool is replaced as a whole.",
    )
    api_key_cache_seconds: float = Field(
        default=30.0,
        ge=0,
        description="How long a verified API key is trusted without asking the database again.",
    )
    sandbox_workers: str = Field(
        default="",
        description="Comma-separated host:port of sandbox workers (`agentbuilder up` starts its "
        "own and sets this). Empty: blocks cannot be run.",
    )
    sandbox_worker_count: int = Field(
        default=2, ge=0, description="Sandbox workers `agentbuilder up` starts (--workers)."
    )
    sandbox_worker_base_port: int = Field(
        default=50061,
        ge=0,
        le=65535,
        description="`agentbuilder up` puts its workers on this port and the next ones; 0 picks "
        "free ports.",
    )
    llm_base_url: str = Field(
        default="https://api.openai.com/v1",
        description="Base URL of the OpenAI-compatible API (OpenAI, vLLM, Ollama, LM Studio) "
        "used by LLM and agent nodes unless their config names another.",
    )
    llm_api_key: SecretStr | None = Field(
        default=None,
        description="API key sent as `Authorization: Bearer` to the OpenAI-compatible API; "
        "unset: no Authorization header.",
    )
    llm_allowed_hosts: str = Field(
        default="",
        description="Comma-separated host names the http_request tool may call (exact match). "
        "Empty: none allowed.",
    )
    run_executions: bool = Field(
        default=True, description="Run queued executions here (false: an API-only replica)."
    )
    runner_concurrency: int = Field(
        default=8, ge=1, description="Executions this server runs at the same time."
    )
    execution_lease_seconds: float = Field(
        default=30.0,
        gt=0,
        description="How long a runner's claim on an execution lasts without a heartbeat "
        "(renewed every third of it). A server that dies mid-run loses its executions to "
        "another runner this long after its last heartbeat.",
    )
    metrics_port: int = Field(
        default=9464,
        ge=0,
        le=65535,
        description="Port of the Prometheus /metrics endpoint (on grpc_host); 0 picks one. "
        "`agentbuilder up` puts its sandbox workers' endpoints on the next ports.",
    )
    grpc_metrics: bool = Field(
        default=True,
        description="Record grpc_server_* metrics for every RPC (false: none).",
    )
    otlp_endpoint: str = Field(
        default="",
        description="OTLP/gRPC collector for traces (http://host:4317 for plaintext). Empty: "
        "tracing is off and costs nothing.",
    )
    http_port: int = Field(
        default=8080,
        ge=0,
        le=65535,
        description="Port of the Envoy gateway `agentbuilder up` starts (REST/JSON, SSE, "
        "gRPC-Web), on grpc_host; 0 picks one.",
    )
    gateway_admin_port: int = Field(
        default=9901, ge=0, le=65535, description="Envoy's admin port (on 127.0.0.1); 0 picks one."
    )
    http_allowed_origins: str = Field(
        default="http://localhost:3000,http://127.0.0.1:3000",
        description="Comma-separated origins browsers may call the gateway from (CORS).",
    )
    gateway: bool = Field(
        default=True, description="Whether `agentbuilder up` starts the Envoy gateway."
    )
    log_level: str = Field(default="INFO", description="Minimum log level.")
    log_format: str = Field(
        default="json",
        pattern="^(json|console)$",
        description="json (one line per event) or console.",
    )

    @property
    def sandbox_worker_addresses(self) -> list[str]:
        """sandbox_workers as a list."""
        return [address.strip() for address in self.sandbox_workers.split(",") if address.strip()]

    @property
    def allowed_origins(self) -> tuple[str, ...]:
        """http_allowed_origins as a tuple."""
        return tuple(o.strip() for o in self.http_allowed_origins.split(",") if o.strip())

    @property
    def embedded_pgdata(self) -> Path:
        """Where the embedded PostgreSQL keeps its data."""
        return self.data_dir / "pgdata"

    @property
    def api_key_file(self) -> Path:
        """Where `agentbuilder up` keeps the dev API key."""
        return self.data_dir / "api-key"
