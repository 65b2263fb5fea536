"""AgentService: decode, call the service, encode. The proto comments are the API docs."""

from __future__ import annotations

from agentbuilder.v1 import agent_service_pb2 as pb
from agentbuilder.v1 import agent_service_pb2_grpc

from server.services.agents import AgentService
from server.transport import mappers
from server.transport.context import current_principal


class AgentServicer(agent_service_pb2_grpc.AgentServiceServicer):
    def __init__(self, agents: AgentService) -> None:
        self.agents = agents

    async def CreateAgent(self, request: pb.CreateAgentRequest, context) -> pb.CreateAgentResponse:
        """Creates an agent."""
        agent = await self.agents.create(
            current_principal(), mappers.agent_fields(request.agent), request.request_id
        )
        return pb.CreateAgentResponse(agent=mappers.agent(agent))

    async def GetAgent(self, request: pb.GetAgentRequest, context) -> pb.GetAgentResponse:
        """Returns one agent."""
        agent = await self.agents.get(current_principal(), request.agent_id)
        return pb.GetAgentResponse(agent=mappers.agent(agent))

    async def ListAgents(self, request: pb.ListAgentsRequest, context) -> pb.ListAgentsResponse:
        """Lists the caller's agents."""
        page = await self.agents.list(current_principal(), request.page_size, request.page_token)
        return pb.ListAgentsResponse(
            agents=[mappers.agent(a) for a in page.items], next_page_token=page.next_page_token
        )

    async def UpdateAgent(self, request: pb.UpdateAgentRequest, context) -> pb.UpdateAgentResponse:
        """Updates an agent and writes a new version."""
        changes = mappers.mask_changes(
            request.agent, request.update_mask, mappers.agent_fields(request.agent)
        )
        agent = await self.agents.update(
            current_principal(), request.agent.id, request.agent.etag, changes
        )
        return pb.UpdateAgentResponse(agent=mappers.agent(agent))

    async def DeleteAgent(self, request: pb.DeleteAgentRequest, context) -> pb.DeleteAgentResponse:
        """Deletes an agent."""
        await self.agents.delete(current_principal(), request.agent_id, request.etag)
        return pb.DeleteAgentResponse()

    async def ListAgentVersions(
        self, request: pb.ListAgentVersionsRequest, context
    ) -> pb.ListAgentVersionsResponse:
        """Lists an agent's versions."""
        page = await self.agents.list_versions(
            current_principal(), request.agent_id, request.page_size, request.page_token
        )
        return pb.ListAgentVersionsResponse(
            versions=[mappers.agent_version(v) for v in page.items],
            next_page_token=page.next_page_token,
        )
