"""A real headless Chromium on another origin lists agents with fetch and follows an execution's
SSE stream through the gateway: CORS and streaming where it matters."""

from __future__ import annotations

import os
import shutil

import pytest
from agentbuilder.v1 import agent_pb2, agent_service_pb2

from tests.live_stack import in_ci
from tests.workflow_api import block_node

pytestmark = pytest.mark.e2e

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
HAVE_CHROMIUM = os.path.exists(CHROMIUM)
# Flags for a headless browser in a sandbox with no network (its background requests would fail).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>agentbuilder from the browser</title></head>
<body><ul id="agents"></ul><ol id="events"></ol>
<script>
// What a web front-end does: REST with fetch, and the execution stream as Server-Sent Events
// read from fetch's body (EventSource cannot send an Authorization header).
async function listAgents(gateway, key) {
  const response = await fetch(`${gateway}/v1/agents?pageSize=10`, {
    headers: {authorization: `Bearer ${key}`},
  });
  const body = await response.json();
  for (const agent of body.agents) {
    const item = document.createElement("li");
    item.textContent = agent.name;
    document.getElementById("agents").append(item);
  }
  return {status: response.status, grpcStatus: response.headers.get("grpc-status"),
          names: body.agents.map((agent) => agent.name)};
}

async function followExecution(gateway, key, executionId) {
  const response = await fetch(`${gateway}/v1/executions/${executionId}:stream`, {
    headers: {authorization: `Bearer ${key}`},
  });
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const events = [];
  let buffer = "";
  for (;;) {
    const {value, done} = await reader.read();
    if (done) break;
    buffer += value;
    let end;
    while ((end = buffer.indexOf("\\n\\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = block.split("\\n").filter((l) => l.startsWith("data: ")).map((l) => l.slice(6));
      if (!data.length) continue;
      const event = JSON.parse(data.join("\\n")).event;
      const kind = Object.keys(event).find((k) => !["executionId", "sequence", "time"].includes(k));
      events.push({kind, sequence: Number(event.sequence), payload: event[kind]});
      const item = document.createElement("li");
      item.textContent = kind;
      document.getElementById("events").append(item);
    }
  }
  return {contentType: response.headers.get("content-type"), events};
}
</script></body></html>
"""


@pytest.fixture
async def browser():
    if not HAVE_CHROMIUM:
        message = "Debian's chromium is not installed (make test installs it with apt-get)"
        if in_ci():
            pytest.fail(message)
        pytest.skip(f"SKIPPED LOUDLY: {message}")
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        await browser.close()


async def test_a_page_on_another_origin_lists_agents_and_follows_a_stream(
    browser, gateway, page_origin, api, alice
):
    origin, root = page_origin
    (root / "index.html").write_text(PAGE)
    for name in ("planner", "writer"):
        await alice.agents.CreateAgent(
            agent_service_pb2.CreateAgentRequest(agent=agent_pb2.Agent(name=name))
        )
    block_id = await api.block("output = {'greeting': 'hello ' + input['name']}")
    workflow_id = await api.published([block_node("greet", block_id)], [], "greet")
    execution = await api.start(workflow_id, {"name": "browser"})

    page = await browser.new_page()
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    await page.goto(f"{origin}/index.html")
    listed = await page.evaluate(
        "([gateway, key]) => listAgents(gateway, key)", [gateway.url, alice.key]
    )
    assert listed["status"] == 200, console
    assert listed["grpcStatus"] == "0"  # an exposed header, readable across origins
    assert sorted(listed["names"]) == ["planner", "writer"]
    assert await page.locator("#agents li").count() == 2

    followed = await page.evaluate(
        "([gateway, key, id]) => followExecution(gateway, key, id)",
        [gateway.url, alice.key, execution.id],
    )
    assert followed["contentType"] == "text/event-stream"
    kinds = [event["kind"] for event in followed["events"]]
    assert kinds[0] == "started" and kinds[-1] == "completed", kinds
    assert [e["sequence"] for e in followed["events"]] == list(range(1, len(kinds) + 1))
    assert followed["events"][-1]["payload"]["output"] == {"greeting": "hello browser"}
    assert await page.locator("#events li").count() == len(kinds)
