"""Workflow execution: the runner, graph compilation, LLM providers and agent tools."""
