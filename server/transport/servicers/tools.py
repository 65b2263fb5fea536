"""ToolService: decode, call the service, encode. The proto comments are the API docs."""

from __future__ import annotations

from agentbuilder.v1 import tool_service_pb2 as pb
from agentbuilder.v1 import tool_service_pb2_grpc

from server.services.tools import ToolService
from server.transport import mappers
from server.transport.context import current_principal


class ToolServicer(tool_service_pb2_grpc.ToolServiceServicer):
    def __init__(self, tools: ToolService) -> None:
        self.tools = tools

    async def CreateTool(self, request: pb.CreateToolRequest, context) -> pb.CreateToolResponse:
        """Creates a tool."""
        tool = await self.tools.create(
            current_principal(), mappers.tool_fields(request.tool), request.request_id
        )
        return pb.CreateToolResponse(tool=mappers.tool(tool))

    async def GetTool(self, request: pb.GetToolRequest, context) -> pb.GetToolResponse:
        """Returns one tool."""
        tool = await self.tools.get(current_principal(), request.tool_id)
        return pb.GetToolResponse(tool=mappers.tool(tool))

    async def ListTools(self, request: pb.ListToolsRequest, context) -> pb.ListToolsResponse:
        """Lists built-in and own tools."""
        page = await self.tools.list(
            current_principal(), request.page_size, request.page_token, request.category
        )
        return pb.ListToolsResponse(
            tools=[mappers.tool(t) for t in page.items], next_page_token=page.next_page_token
        )

    async def UpdateTool(self, request: pb.UpdateToolRequest, context) -> pb.UpdateToolResponse:
        """Updates a tool."""
        changes = mappers.mask_changes(
            request.tool, request.update_mask, mappers.tool_fields(request.tool)
        )
        tool = await self.tools.update(
            current_principal(), request.tool.id, request.tool.etag, changes
        )
        return pb.UpdateToolResponse(tool=mappers.tool(tool))

    async def DeleteTool(self, request: pb.DeleteToolRequest, context) -> pb.DeleteToolResponse:
        """Deletes a tool."""
        await self.tools.delete(current_principal(), request.tool_id, request.etag)
        return pb.DeleteToolResponse()
