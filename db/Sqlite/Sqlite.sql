CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);

BEGIN TRANSACTION;
CREATE TABLE "audit_entries" (
    "Sequence" INTEGER NOT NULL CONSTRAINT "PK_audit_entries" PRIMARY KEY AUTOINCREMENT,
    "At" INTEGER NOT NULL,
    "Actor" TEXT NOT NULL,
    "Action" TEXT NOT NULL,
    "SubjectType" TEXT NOT NULL,
    "SubjectId" TEXT NOT NULL,
    "Before" TEXT NULL,
    "After" TEXT NULL,
    "CorrelationId" TEXT NULL,
    "ChainPosition" INTEGER NULL,
    "Hash" TEXT NULL
);

CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only: DELETE refused'); END;

CREATE TRIGGER audit_entries_seal_once BEFORE UPDATE ON audit_entries
WHEN OLD."Hash" IS NOT NULL OR OLD."ChainPosition" IS NOT NULL OR NEW."Hash" IS NULL OR NEW."ChainPosition" IS NULL
  OR NEW."Sequence" IS NOT OLD."Sequence" OR NEW."At" IS NOT OLD."At" OR NEW."Actor" IS NOT OLD."Actor"
  OR NEW."Action" IS NOT OLD."Action" OR NEW."SubjectType" IS NOT OLD."SubjectType" OR NEW."SubjectId" IS NOT OLD."SubjectId"
  OR NEW."Before" IS NOT OLD."Before" OR NEW."After" IS NOT OLD."After" OR NEW."CorrelationId" IS NOT OLD."CorrelationId"
BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only: UPDATE refused'); END;

CREATE TABLE "auth_users" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_auth_users" PRIMARY KEY,
    "DisplayName" TEXT NOT NULL,
    "OrgUnitId" TEXT NOT NULL,
    "UserName" TEXT NULL,
    "NormalizedUserName" TEXT NULL,
    "Email" TEXT NULL,
    "NormalizedEmail" TEXT NULL,
    "EmailConfirmed" INTEGER NOT NULL,
    "PasswordHash" TEXT NULL,
    "SecurityStamp" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL,
    "PhoneNumber" TEXT NULL,
    "PhoneNumberConfirmed" INTEGER NOT NULL,
    "TwoFactorEnabled" INTEGER NOT NULL,
    "LockoutEnd" TEXT NULL,
    "LockoutEnabled" INTEGER NOT NULL,
    "AccessFailedCount" INTEGER NOT NULL
);

CREATE TABLE "case_attachments" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_case_attachments" PRIMARY KEY,
    "CaseId" TEXT NOT NULL,
    "TaskId" TEXT NULL,
    "StorageKey" TEXT NOT NULL,
    "FileName" TEXT NOT NULL,
    "ContentType" TEXT NOT NULL,
    "Length" INTEGER NOT NULL,
    "Sha256" TEXT NOT NULL,
    "UploadedBy" TEXT NOT NULL,
    "UploadedAt" INTEGER NOT NULL
);

CREATE TABLE "case_events" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_case_events" PRIMARY KEY,
    "CaseId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "TaskId" TEXT NULL,
    "Actor" TEXT NOT NULL,
    "At" INTEGER NOT NULL,
    "Sequence" INTEGER NOT NULL,
    "Text" TEXT NULL,
    "AttachmentId" TEXT NULL,
    "OrgUnitId" TEXT NULL
);

CREATE TABLE "cases" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_cases" PRIMARY KEY,
    "Number" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "CategoryCode" TEXT NOT NULL,
    "Channel" TEXT NOT NULL,
    "Urgency" TEXT NOT NULL,
    "Description" TEXT NOT NULL,
    "Address" TEXT NULL,
    "Latitude" REAL NOT NULL,
    "Longitude" REAL NOT NULL,
    "BucketKey" INTEGER NOT NULL,
    "GridCellId" TEXT NULL,
    "CommunityId" TEXT NULL,
    "StreetId" TEXT NULL,
    "DistrictId" TEXT NULL,
    "ResponsibleUnitId" TEXT NULL,
    "EscalationLevel" TEXT NULL,
    "EscalatedToUnitId" TEXT NULL,
    "Escalations" INTEGER NOT NULL,
    "Returns" INTEGER NOT NULL,
    "Reworks" INTEGER NOT NULL,
    "Reopenings" INTEGER NOT NULL,
    "ReportCount" INTEGER NOT NULL,
    "ReportedAt" INTEGER NOT NULL,
    "LastReportedAt" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "FiledAt" INTEGER NULL,
    "ClosedAt" INTEGER NULL,
    "UpdatedAt" INTEGER NOT NULL,
    "Satisfaction" TEXT NULL,
    "Resolution" TEXT NULL,
    "RejectionReason" TEXT NULL,
    "MergedInto" TEXT NULL,
    "InstanceId" TEXT NULL
);

CREATE TABLE "open311_api_keys" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_open311_api_keys" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "KeyHash" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "CreatedBy" TEXT NOT NULL,
    "RevokedAt" INTEGER NULL
);

CREATE TABLE "sla_deadline_adjustments" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_sla_deadline_adjustments" PRIMARY KEY,
    "DeadlineId" TEXT NOT NULL,
    "InstanceId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "Extension" TEXT NULL,
    "Reason" TEXT NOT NULL,
    "RequestedBy" TEXT NOT NULL,
    "RequestedAt" INTEGER NOT NULL,
    "DecidedBy" TEXT NULL,
    "DecidedAt" INTEGER NULL,
    "DecisionNote" TEXT NULL,
    "EndedAt" INTEGER NULL,
    "EndedBy" TEXT NULL
);

CREATE TABLE "sla_deadlines" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_sla_deadlines" PRIMARY KEY,
    "InstanceId" TEXT NOT NULL,
    "BookmarkId" TEXT NOT NULL,
    "NodeId" TEXT NOT NULL,
    "DefinitionKey" TEXT NOT NULL,
    "BusinessKey" TEXT NULL,
    "StartedAt" INTEGER NOT NULL,
    "WarningAt" INTEGER NOT NULL,
    "DueAt" INTEGER NOT NULL,
    "Limit" TEXT NOT NULL,
    "CalendarKind" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "CompletedAt" INTEGER NULL,
    "CompletedLate" INTEGER NOT NULL,
    "WarnedAt" INTEGER NULL,
    "BreachedAt" INTEGER NULL,
    "WarningAlarm" INTEGER NOT NULL,
    "DueAlarm" INTEGER NOT NULL,
    "PausedAt" INTEGER NULL
);

CREATE TABLE "sla_limit_changes" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_sla_limit_changes" PRIMARY KEY,
    "At" INTEGER NOT NULL,
    "AppliedBy" TEXT NOT NULL,
    "DefinitionKey" TEXT NOT NULL,
    "BaseVersion" INTEGER NULL,
    "OnDraft" INTEGER NOT NULL,
    "NodeId" TEXT NOT NULL,
    "CategoryCode" TEXT NULL,
    "OldLimit" TEXT NULL,
    "OldLimitSource" TEXT NULL,
    "NewLimit" TEXT NOT NULL,
    "Loosened" INTEGER NOT NULL,
    "Note" TEXT NULL
);

CREATE TABLE "wf_call_links" (
    "BookmarkId" TEXT NOT NULL CONSTRAINT "PK_wf_call_links" PRIMARY KEY,
    "ParentInstanceId" TEXT NOT NULL,
    "ChildInstanceId" TEXT NOT NULL,
    "CallActivityNodeId" TEXT NOT NULL
);

CREATE TABLE "wf_definition_drafts" (
    "Key" TEXT NOT NULL CONSTRAINT "PK_wf_definition_drafts" PRIMARY KEY,
    "Xml" TEXT NOT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    "UpdatedBy" TEXT NOT NULL
);

CREATE TABLE "wf_definitions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_wf_definitions" PRIMARY KEY,
    "Key" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "Name" TEXT NULL,
    "Xml" TEXT NOT NULL,
    "ContentHash" TEXT NOT NULL,
    "PublishedAt" INTEGER NOT NULL,
    "PublishedBy" TEXT NOT NULL
);

CREATE TABLE "wf_incidents" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_wf_incidents" PRIMARY KEY,
    "InstanceId" TEXT NOT NULL,
    "BookmarkId" TEXT NOT NULL,
    "NodeId" TEXT NOT NULL,
    "Handler" TEXT NULL,
    "Message" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "ResolvedAt" INTEGER NULL,
    "ResolvedBy" TEXT NULL
);

CREATE TABLE "wf_instances" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_wf_instances" PRIMARY KEY,
    "DefinitionId" TEXT NOT NULL,
    "DefinitionKey" TEXT NOT NULL,
    "DefinitionVersion" INTEGER NOT NULL,
    "BusinessKey" TEXT NULL,
    "Status" TEXT NOT NULL,
    "ParentInstanceId" TEXT NULL,
    "StartedAt" INTEGER NOT NULL,
    "EndedAt" INTEGER NULL,
    "StateJson" TEXT NOT NULL,
    "Revision" INTEGER NOT NULL
);

CREATE TABLE "wf_jobs" (
    "BookmarkId" TEXT NOT NULL CONSTRAINT "PK_wf_jobs" PRIMARY KEY,
    "InstanceId" TEXT NOT NULL,
    "NodeId" TEXT NOT NULL,
    "Handler" TEXT NOT NULL,
    "RetriesLeft" INTEGER NOT NULL,
    "FailedAttempts" INTEGER NOT NULL,
    "NextAttemptAt" INTEGER NULL,
    "LockOwner" TEXT NULL,
    "LockedUntil" INTEGER NULL,
    "LastError" TEXT NULL,
    "CreatedAt" INTEGER NOT NULL
);

CREATE TABLE "wf_journal" (
    "Sequence" INTEGER NOT NULL CONSTRAINT "PK_wf_journal" PRIMARY KEY AUTOINCREMENT,
    "InstanceId" TEXT NOT NULL,
    "DefinitionKey" TEXT NOT NULL,
    "DefinitionVersion" INTEGER NOT NULL,
    "BusinessKey" TEXT NULL,
    "NodeId" TEXT NULL,
    "NodeType" TEXT NULL,
    "EventType" TEXT NOT NULL,
    "At" INTEGER NOT NULL,
    "ActorId" TEXT NOT NULL,
    "ExecutionId" TEXT NULL,
    "Detail" TEXT NULL,
    "DataJson" TEXT NULL
);

CREATE TABLE "wf_message_starts" (
    "DefinitionId" TEXT NOT NULL,
    "StartEventId" TEXT NOT NULL,
    "DefinitionKey" TEXT NOT NULL,
    "MessageName" TEXT NOT NULL,
    CONSTRAINT "PK_wf_message_starts" PRIMARY KEY ("DefinitionId", "StartEventId")
);

CREATE TABLE "wf_message_subscriptions" (
    "BookmarkId" TEXT NOT NULL CONSTRAINT "PK_wf_message_subscriptions" PRIMARY KEY,
    "InstanceId" TEXT NOT NULL,
    "NodeId" TEXT NOT NULL,
    "MessageName" TEXT NOT NULL,
    "CorrelationKey" TEXT NULL,
    "CreatedAt" INTEGER NOT NULL
);

CREATE TABLE "wf_tasks" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_wf_tasks" PRIMARY KEY,
    "InstanceId" TEXT NOT NULL,
    "DefinitionKey" TEXT NOT NULL,
    "DefinitionVersion" INTEGER NOT NULL,
    "BusinessKey" TEXT NULL,
    "NodeId" TEXT NOT NULL,
    "Name" TEXT NULL,
    "FormKey" TEXT NULL,
    "Assignee" TEXT NULL,
    "Status" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "DueAt" INTEGER NULL,
    "EndedAt" INTEGER NULL,
    "CompletedBy" TEXT NULL
);

CREATE TABLE "wf_timers" (
    "BookmarkId" TEXT NOT NULL CONSTRAINT "PK_wf_timers" PRIMARY KEY,
    "InstanceId" TEXT NULL,
    "NodeId" TEXT NOT NULL,
    "DueAt" INTEGER NOT NULL,
    "DefinitionId" TEXT NULL,
    "DefinitionKey" TEXT NULL,
    "RemainingRepeats" INTEGER NULL
);

CREATE TABLE "auth_user_claims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_auth_user_claims" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_auth_user_claims_auth_users_UserId" FOREIGN KEY ("UserId") REFERENCES "auth_users" ("Id") ON DELETE CASCADE
);

CREATE TABLE "auth_user_logins" (
    "LoginProvider" TEXT NOT NULL,
    "ProviderKey" TEXT NOT NULL,
    "ProviderDisplayName" TEXT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "PK_auth_user_logins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
    CONSTRAINT "FK_auth_user_logins_auth_users_UserId" FOREIGN KEY ("UserId") REFERENCES "auth_users" ("Id") ON DELETE CASCADE
);

CREATE TABLE "auth_user_tokens" (
    "UserId" TEXT NOT NULL,
    "LoginProvider" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Value" TEXT NULL,
    CONSTRAINT "PK_auth_user_tokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
    CONSTRAINT "FK_auth_user_tokens_auth_users_UserId" FOREIGN KEY ("UserId") REFERENCES "auth_users" ("Id") ON DELETE CASCADE
);

CREATE TABLE "case_reports" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_case_reports" PRIMARY KEY,
    "CaseId" TEXT NOT NULL,
    "Channel" TEXT NOT NULL,
    "IdempotencyKey" TEXT NULL,
    "ExternalId" TEXT NULL,
    "CategoryCode" TEXT NOT NULL,
    "Text" TEXT NOT NULL,
    "Address" TEXT NULL,
    "Latitude" REAL NOT NULL,
    "Longitude" REAL NOT NULL,
    "ReporterName" TEXT NULL,
    "ReporterPhone" TEXT NULL,
    "ReporterPhoneHash" TEXT NULL,
    "TrackingCode" TEXT NOT NULL,
    "ReportedAt" INTEGER NOT NULL,
    "ReceivedAt" INTEGER NOT NULL,
    "ReceivedBy" TEXT NOT NULL,
    "Link" TEXT NOT NULL,
    "MergeScore" REAL NULL,
    "MergeReasons" TEXT NULL,
    CONSTRAINT "FK_case_reports_cases_CaseId" FOREIGN KEY ("CaseId") REFERENCES "cases" ("Id") ON DELETE CASCADE
);

CREATE TABLE "wf_task_candidates" (
    "TaskId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "Value" TEXT NOT NULL,
    "TaskEnded" INTEGER NOT NULL,
    CONSTRAINT "PK_wf_task_candidates" PRIMARY KEY ("TaskId", "Kind", "Value"),
    CONSTRAINT "FK_wf_task_candidates_wf_tasks_TaskId" FOREIGN KEY ("TaskId") REFERENCES "wf_tasks" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_audit_entries_Actor_At" ON "audit_entries" ("Actor", "At");

CREATE INDEX "IX_audit_entries_At" ON "audit_entries" ("At");

CREATE UNIQUE INDEX "IX_audit_entries_ChainPosition" ON "audit_entries" ("ChainPosition");

CREATE INDEX "IX_audit_entries_SubjectType_SubjectId" ON "audit_entries" ("SubjectType", "SubjectId");

CREATE INDEX "IX_auth_user_claims_UserId" ON "auth_user_claims" ("UserId");

CREATE INDEX "IX_auth_user_logins_UserId" ON "auth_user_logins" ("UserId");

CREATE INDEX "EmailIndex" ON "auth_users" ("NormalizedEmail");

CREATE UNIQUE INDEX "UserNameIndex" ON "auth_users" ("NormalizedUserName");

CREATE INDEX "IX_case_attachments_CaseId" ON "case_attachments" ("CaseId");

CREATE INDEX "IX_case_events_CaseId_At" ON "case_events" ("CaseId", "At");

CREATE INDEX "IX_case_reports_CaseId" ON "case_reports" ("CaseId");

CREATE UNIQUE INDEX "IX_case_reports_Channel_IdempotencyKey" ON "case_reports" ("Channel", "IdempotencyKey");

CREATE UNIQUE INDEX "IX_case_reports_TrackingCode" ON "case_reports" ("TrackingCode");

CREATE INDEX "IX_cases_BucketKey_LastReportedAt" ON "cases" ("BucketKey", "LastReportedAt");

CREATE UNIQUE INDEX "IX_cases_Number" ON "cases" ("Number");

CREATE INDEX "IX_cases_ResponsibleUnitId" ON "cases" ("ResponsibleUnitId");

CREATE INDEX "IX_cases_Status_CreatedAt" ON "cases" ("Status", "CreatedAt");

CREATE UNIQUE INDEX "IX_open311_api_keys_KeyHash" ON "open311_api_keys" ("KeyHash");

CREATE INDEX "IX_sla_deadline_adjustments_DeadlineId" ON "sla_deadline_adjustments" ("DeadlineId");

CREATE INDEX "IX_sla_deadline_adjustments_InstanceId" ON "sla_deadline_adjustments" ("InstanceId");

CREATE UNIQUE INDEX "IX_sla_deadlines_BookmarkId" ON "sla_deadlines" ("BookmarkId");

CREATE INDEX "IX_sla_deadlines_DueAt_Status" ON "sla_deadlines" ("DueAt", "Status");

CREATE INDEX "IX_sla_deadlines_InstanceId" ON "sla_deadlines" ("InstanceId");

CREATE INDEX "IX_sla_deadlines_WarningAt_Status" ON "sla_deadlines" ("WarningAt", "Status");

CREATE INDEX "IX_sla_limit_changes_DefinitionKey_At" ON "sla_limit_changes" ("DefinitionKey", "At");

CREATE INDEX "IX_wf_call_links_ChildInstanceId" ON "wf_call_links" ("ChildInstanceId");

CREATE INDEX "IX_wf_call_links_ParentInstanceId" ON "wf_call_links" ("ParentInstanceId");

CREATE UNIQUE INDEX "IX_wf_definitions_Key_Version" ON "wf_definitions" ("Key", "Version");

CREATE INDEX "IX_wf_incidents_InstanceId_ResolvedAt" ON "wf_incidents" ("InstanceId", "ResolvedAt");

CREATE INDEX "IX_wf_incidents_ResolvedAt" ON "wf_incidents" ("ResolvedAt");

CREATE INDEX "IX_wf_instances_BusinessKey" ON "wf_instances" ("BusinessKey");

CREATE INDEX "IX_wf_instances_DefinitionId" ON "wf_instances" ("DefinitionId");

CREATE INDEX "IX_wf_instances_DefinitionKey_Status" ON "wf_instances" ("DefinitionKey", "Status");

CREATE INDEX "IX_wf_instances_ParentInstanceId" ON "wf_instances" ("ParentInstanceId");

CREATE INDEX "IX_wf_jobs_InstanceId" ON "wf_jobs" ("InstanceId");

CREATE INDEX "IX_wf_jobs_NextAttemptAt" ON "wf_jobs" ("NextAttemptAt");

CREATE INDEX "IX_wf_journal_BusinessKey_Sequence" ON "wf_journal" ("BusinessKey", "Sequence");

CREATE INDEX "IX_wf_journal_DefinitionKey_At" ON "wf_journal" ("DefinitionKey", "At");

CREATE INDEX "IX_wf_journal_InstanceId_Sequence" ON "wf_journal" ("InstanceId", "Sequence");

CREATE INDEX "IX_wf_journal_NodeId_At" ON "wf_journal" ("NodeId", "At");

CREATE INDEX "IX_wf_message_starts_DefinitionKey" ON "wf_message_starts" ("DefinitionKey");

CREATE INDEX "IX_wf_message_starts_MessageName" ON "wf_message_starts" ("MessageName");

CREATE INDEX "IX_wf_message_subscriptions_InstanceId" ON "wf_message_subscriptions" ("InstanceId");

CREATE INDEX "IX_wf_message_subscriptions_MessageName_CorrelationKey" ON "wf_message_subscriptions" ("MessageName", "CorrelationKey");

CREATE INDEX "IX_wf_task_candidates_Kind_Value_TaskEnded" ON "wf_task_candidates" ("Kind", "Value", "TaskEnded");

CREATE INDEX "IX_wf_tasks_Assignee_Status" ON "wf_tasks" ("Assignee", "Status");

CREATE INDEX "IX_wf_tasks_InstanceId" ON "wf_tasks" ("InstanceId");

CREATE INDEX "IX_wf_tasks_Status_CreatedAt" ON "wf_tasks" ("Status", "CreatedAt");

CREATE INDEX "IX_wf_timers_DefinitionKey" ON "wf_timers" ("DefinitionKey");

CREATE INDEX "IX_wf_timers_DueAt" ON "wf_timers" ("DueAt");

CREATE INDEX "IX_wf_timers_InstanceId" ON "wf_timers" ("InstanceId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261126120450_Initial', '10.0.15');

COMMIT;

