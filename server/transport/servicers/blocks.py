"""BlockService: decode, call the service, encode. The proto comments are the API docs."""

from __future__ import annotations

from agentbuilder.v1 import block_service_pb2 as pb
from agentbuilder.v1 import block_service_pb2_grpc

from server.services.blocks import BlockService
from server.transport import mappers
from server.transport.context import current_principal


class BlockServicer(block_service_pb2_grpc.BlockServiceServicer):
    def __init__(self, blocks: BlockService) -> None:
        self.blocks = blocks

    async def CreateBlock(self, request: pb.CreateBlockRequest, context) -> pb.CreateBlockResponse:
        """Creates a block."""
        block = await self.blocks.create(
            current_principal(), mappers.block_fields(request.block), request.request_id
        )
        return pb.CreateBlockResponse(block=mappers.block(block))

    async def GetBlock(self, request: pb.GetBlockRequest, context) -> pb.GetBlockResponse:
        """Returns one block."""
        block = await self.blocks.get(current_principal(), request.block_id)
        return pb.GetBlockResponse(block=mappers.block(block))

    async def ListBlocks(self, request: pb.ListBlocksRequest, context) -> pb.ListBlocksResponse:
        """Lists the caller's blocks."""
        page = await self.blocks.list(current_principal(), request.page_size, request.page_token)
        return pb.ListBlocksResponse(
            blocks=[mappers.block(b) for b in page.items], next_page_token=page.next_page_token
        )

    async def UpdateBlock(self, request: pb.UpdateBlockRequest, context) -> pb.UpdateBlockResponse:
        """Updates a block and writes a new version."""
        changes = mappers.mask_changes(
            request.block, request.update_mask, mappers.block_fields(request.block)
        )
        block = await self.blocks.update(
            current_principal(), request.block.id, request.block.etag, changes
        )
        return pb.UpdateBlockResponse(block=mappers.block(block))

    async def DeleteBlock(self, request: pb.DeleteBlockRequest, context) -> pb.DeleteBlockResponse:
        """Deletes a block."""
        await self.blocks.delete(current_principal(), request.block_id, request.etag)
        return pb.DeleteBlockResponse()

    async def ListBlockVersions(
        self, request: pb.ListBlockVersionsRequest, context
    ) -> pb.ListBlockVersionsResponse:
        """Lists a block's versions."""
        page = await self.blocks.list_versions(
            current_principal(), request.block_id, request.page_size, request.page_token
        )
        return pb.ListBlockVersionsResponse(
            versions=[mappers.block_version(v) for v in page.items],
            next_page_token=page.next_page_token,
        )

    async def TestBlock(self, request: pb.TestBlockRequest, context) -> pb.TestBlockResponse:
        """Runs a block on its test cases or an ad-hoc input."""
        results = await self.blocks.test(
            current_principal(),
            request.block_id,
            mappers.block_test_input(request),
            mappers.run_limits(request.limits),
        )
        return mappers.block_test_response(results)
