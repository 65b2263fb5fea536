"""WorkflowService: decode, call the service, encode. The proto comments are the API docs."""

from __future__ import annotations

from agentbuilder.v1 import workflow_service_pb2 as pb
from agentbuilder.v1 import workflow_service_pb2_grpc

from server.services.workflows import WorkflowService
from server.transport import mappers
from server.transport.context import current_principal


class WorkflowServicer(workflow_service_pb2_grpc.WorkflowServiceServicer):
    def __init__(self, workflows: WorkflowService) -> None:
        self.workflows = workflows

    async def CreateWorkflow(
        self, request: pb.CreateWorkflowRequest, context
    ) -> pb.CreateWorkflowResponse:
        """Creates a workflow draft."""
        workflow = await self.workflows.create(
            current_principal(), mappers.workflow_fields(request.workflow), request.request_id
        )
        return pb.CreateWorkflowResponse(workflow=mappers.workflow(workflow))

    async def GetWorkflow(self, request: pb.GetWorkflowRequest, context) -> pb.GetWorkflowResponse:
        """Returns one workflow."""
        workflow = await self.workflows.get(current_principal(), request.workflow_id)
        return pb.GetWorkflowResponse(workflow=mappers.workflow(workflow))

    async def ListWorkflows(
        self, request: pb.ListWorkflowsRequest, context
    ) -> pb.ListWorkflowsResponse:
        """Lists the caller's workflows."""
        page = await self.workflows.list(current_principal(), request.page_size, request.page_token)
        return pb.ListWorkflowsResponse(
            workflows=[mappers.workflow(w) for w in page.items],
            next_page_token=page.next_page_token,
        )

    async def UpdateWorkflow(
        self, request: pb.UpdateWorkflowRequest, context
    ) -> pb.UpdateWorkflowResponse:
        """Updates a workflow's draft."""
        changes = mappers.mask_changes(
            request.workflow, request.update_mask, mappers.workflow_fields(request.workflow)
        )
        workflow = await self.workflows.update(
            current_principal(), request.workflow.id, request.workflow.etag, changes
        )
        return pb.UpdateWorkflowResponse(workflow=mappers.workflow(workflow))

    async def DeleteWorkflow(
        self, request: pb.DeleteWorkflowRequest, context
    ) -> pb.DeleteWorkflowResponse:
        """Deletes a workflow."""
        await self.workflows.delete(current_principal(), request.workflow_id, request.etag)
        return pb.DeleteWorkflowResponse()

    async def ValidateWorkflow(
        self, request: pb.ValidateWorkflowRequest, context
    ) -> pb.ValidateWorkflowResponse:
        """Reports every rule a workflow breaks."""
        given = request.WhichOneof("source") == "workflow"
        violations = await self.workflows.validate(
            current_principal(),
            mappers.workflow_fields(request.workflow) if given else None,
            request.workflow_id,
            request.workflow.id if given else "",
        )
        return pb.ValidateWorkflowResponse(
            valid=not violations, violations=mappers.field_violations(violations)
        )

    async def PublishWorkflow(
        self, request: pb.PublishWorkflowRequest, context
    ) -> pb.PublishWorkflowResponse:
        """Publishes a workflow's draft as a new version."""
        workflow, version = await self.workflows.publish(
            current_principal(), request.workflow_id, request.etag
        )
        return pb.PublishWorkflowResponse(
            workflow=mappers.workflow(workflow), workflow_version=mappers.workflow_version(version)
        )

    async def ListWorkflowVersions(
        self, request: pb.ListWorkflowVersionsRequest, context
    ) -> pb.ListWorkflowVersionsResponse:
        """Lists a workflow's published versions."""
        page = await self.workflows.list_versions(
            current_principal(), request.workflow_id, request.page_size, request.page_token
        )
        return pb.ListWorkflowVersionsResponse(
            versions=[mappers.workflow_version(v) for v in page.items],
            next_page_token=page.next_page_token,
        )

    async def GetWorkflowVersion(
        self, request: pb.GetWorkflowVersionRequest, context
    ) -> pb.GetWorkflowVersionResponse:
        """Returns one published version."""
        version = await self.workflows.get_version(
            current_principal(), request.workflow_id, request.version
        )
        return pb.GetWorkflowVersionResponse(workflow_version=mappers.workflow_version(version))
