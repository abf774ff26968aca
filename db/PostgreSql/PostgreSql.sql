CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" character varying(150) NOT NULL,
    "ProductVersion" character varying(32) NOT NULL,
    CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY ("MigrationId")
);

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261126031310_Initial') THEN
    CREATE TABLE case_attachments (
        "Id" uuid NOT NULL,
        "CaseId" uuid NOT NULL,
        "TaskId" character varying(200),
        "StorageKey" character varying(200) NOT NULL,
        "FileName" character varying(200) NOT NULL,
        "ContentType" character varying(100) NOT NULL,
        "Length" bigint NOT NULL,
        "Sha256" character varying(64) NOT NULL,
        "UploadedBy" character varying(100) NOT NULL,
        "UploadedAt" timestamp with time zone NOT NULL,
        CONSTRAINT "PK_case_attachments" PRIMARY KEY ("Id")
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261126031310_Initial') THEN
    CREATE TABLE case_events (
        "Id" uuid NOT NULL,
        "CaseId" uuid NOT NULL,
        "Kind" character varying(30) NOT NULL,
        "TaskId" character varying(200),
        "Actor" character varying(100) NOT NULL,
        "At" timestamp with time zone NOT NULL,
        "Sequence" bigint NOT NULL,
        "Text" character varying(4000),
        "AttachmentId" uuid,
        "OrgUnitId" character varying(60),
        CONSTRAINT "PK_case_events" PRIMARY KEY ("Id")
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261126031310_Initial') THEN
    CREATE TABLE cases (
        "Id" uuid NOT NULL,
        "Number" character varying(40) NOT NULL,
        "Status" character varying(20) NOT NULL,
        "CategoryCode" character varying(20) NOT NULL,
        "Channel" character varying(30) NOT NULL,
        "Urgency" character varying(20) NOT NULL,
        "Description" character varying(4000) NOT NULL,
        "Address" character varying(300),
        "Latitude" double precision NOT NULL,
        "Longitude" double precision NOT NULL,
        "BucketKey" bigint NOT NULL,
        "GridCellId" character varying(60),
        "CommunityId" character varying(60),
        "StreetId" character varying(60),
        "DistrictId" character varying(60),
        "ResponsibleUnitId" character varying(60),
        "EscalationLevel" character varying(20),
        "EscalatedToUnitId" character varying(60),
        "Escalations" integer NOT NULL,
        "Returns" integer NOT NULL,
        "Reworks" integer NOT NULL,
        "Reopenings" integer NOT NULL,
        "ReportCount" integer NOT NULL,
        "ReportedAt" timestamp with time zone NOT NULL,
        "LastReportedAt" timestamp with time zone NOT NULL,
        "CreatedAt" timestamp with time zone NOT NULL,
        "FiledAt" timestamp with time zone,
        "ClosedAt" timestamp with time zone,
        "UpdatedAt" timestamp with time zone NOT NULL,
        "Satisfaction" character varying(30),
        "Resolution" character varying(4000),
        "RejectionReason" character varying(4000),
        "MergedInto" character varying(60),
        "InstanceId" uuid,
        CONSTRAINT "PK_cases" PRIMARY KEY ("Id")
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261126031310_Initial') THEN
    CREATE TABLE open311_api_keys (
        "Id" uuid NOT NULL,
        "Name" character varying(100) NOT NULL,
        "KeyHash" character varying(64) NOT NULL,
        "CreatedAt" timestamp with time zone NOT NULL,
        "CreatedBy" character varying(100) NOT NULL,
        "RevokedAt" timestamp with time zone,
        CONSTRAINT "PK_open311_api_keys" PRIMARY KEY ("Id")
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261126031310_Initial') THEN
    CREATE TABLE sla_deadline_adjustments (
        "Id" uuid NOT NULL,
        "DeadlineId" uuid NOT NULL,
        "InstanceId" uuid NOT NULL,
        "Kind" character varying(20) NOT NULL,
        "Status" character varying(20) NOT NULL,
        "Extension" character varying(50),
        "Reason" character varying(2000) NOT NULL,
        "RequestedBy" character varying(200) NOT NULL,
        "RequestedAt" timestamp with time zone NOT NULL,
        "DecidedBy" character varying(200),
        "DecidedAt" timestamp with time zone,
        "DecisionNote" character varying(2000),
        "EndedAt" timestamp with time zone,
        "EndedBy" character varying(200),
        CONSTRAINT "PK_sla_deadline_adjustments" PRIMARY KEY ("Id")
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261126031310_Initial') THEN
    CREATE TABLE sla_deadlines (
        "Id" uuid NOT NULL,
        "InstanceId" uuid NOT NULL,
        "BookmarkId" character varying(200) NOT NULL,
        "NodeId" character varying(200) NOT NULL,
        "DefinitionKey" character varying(200) NOT NULL,
        "BusinessKey" character varying(200),
        "StartedAt" timestamp with time zone NOT NULL,
        "WarningAt" timestamp with time zone NOT NULL,
        "DueAt" timestamp with time zone NOT NULL,
        "Limit" character varying(50) NOT NULL,
        "CalendarKind" character varying(20) NOT NULL,
        "Status" character varying(20) NOT NULL,
        "CompletedAt" timestamp with time zone,
        "CompletedLate" boolean NOT NULL,
        "WarnedAt" timestamp with time zone,
        "BreachedAt" timestamp with time zone,
        "WarningAlarm" boolean NOT NULL,
        "DueAlarm" boolean NOT NULL,
        "PausedAt" timestamp with time zone,
        CONSTRAINT "PK_sla_deadlines" PRIMARY KEY ("Id")
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261126031310_Initial') THEN
    CREATE TABLE sla_limit_changes (
        "Id" uuid NOT NULL,
        "At" timestamp with time zone NOT NULL,
        "AppliedBy" character varying(100) NOT NULL,
        "DefinitionKey" character varying(200) NOT NULL,
        "BaseVersion" integer,
        "OnDraft" boolean NOT NULL,
        "NodeId" character varying(200) NOT NULL,
        "CategoryCode" character varying(20),
        "OldLimit" character varying(40),
        "OldLimitSource" character varying(20),
        "NewLimit" character varying(40) NOT NULL,
        "Loosened" boolean NOT NULL,
        "Note" character varying(2000),
        CONSTRAINT "PK_sla_limit_changes" PRIMARY KEY ("Id")
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261126031310_Initial') THEN
    CREATE TABLE wf_call_links (
        "BookmarkId" character varying(64) NOT NULL,
        "ParentInstanceId" uuid NOT NULL,
        "ChildInstanceId" uuid NOT NULL,
        "CallActivityNodeId" character varying(200) NOT NULL,
        CONSTRAINT "PK_wf_call_links" PRIMARY KEY ("BookmarkId")
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261126031310_Initial') THEN
    CREATE TABLE wf_definition_drafts (
        "Key" character varying(200) NOT NULL,
        "Xml" text NOT NULL,
        "UpdatedAt" timestamp with time zone NOT NULL,
        "UpdatedBy" character varying(200) NOT NULL,
        CONSTRAINT "PK_wf_definition_drafts" PRIMARY KEY ("Key")
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261126031310_Initial') THEN
    CREATE TABLE wf_definitions (
        "Id" uuid NOT NULL,
        "Key" character varying(200) NOT NULL,
        "Version" integer NOT NULL,
        "Name" character varying(400),
        "Xml" text NOT NULL,
        "ContentHash" character varying(64) NOT NULL,
        "PublishedAt" timestamp with time zone NOT NULL,
        "PublishedBy" character varying(200) NOT NULL,
        CONSTRAINT "PK_wf_definitions" PRIMARY KEY ("Id")
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261126031310_Initial') THEN
    CREATE TABLE wf_incidents (
        "Id" uuid NOT NULL,
        "InstanceId" uuid NOT NULL,
        "BookmarkId" character varying(64) NOT NULL,
        "NodeId" character varying(200) NOT NULL,
        "Handler" character varying(400),
        "Message" text NOT NULL,
        "CreatedAt" timestamp with time zone NOT NULL,
        "ResolvedAt" timestamp with time zone,
        "ResolvedBy" character varying(200),
        CONSTRAINT "PK_wf_incidents" PRIMARY KEY ("Id")
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261126031310_Initial') THEN
    CREATE TABLE wf_instances (
        "Id" uuid NOT NULL,
        "DefinitionId" uuid NOT NULL,
        "DefinitionKey" character varying(200) NOT NULL,
        "DefinitionVersion" integer NOT NULL,
        "BusinessKey" character varying(200),
        "Status" character varying(32) NOT NULL,
        "ParentInstanceId" uuid,
        "StartedAt" timestamp with time zone NOT NULL,
        "EndedAt" timestamp with time zone,
        "StateJson" text NOT NULL,
        "Revision" bigint NOT NULL,
        CONSTRAINT "PK_wf_instances" PRIMARY KEY ("Id")
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261126031310_Initial') THEN
    CREATE TABLE wf_jobs (
        "BookmarkId" character varying(64) NOT NULL,
        "InstanceId" uuid NOT NULL,
        "NodeId" character varying(200) NOT NULL,
        "Handler" character varying(400) NOT NULL,
        "RetriesLeft" integer NOT NULL,
        "FailedAttempts" integer NOT NULL,
        "NextAttemptAt" timestamp with time zone,
        "LockOwner" character varying(200),
        "LockedUntil" timestamp with time zone,
        "LastError" text,
        "CreatedAt" timestamp with time zone NOT NULL,
        CONSTRAINT "PK_wf_jobs" PRIMARY KEY ("BookmarkId")
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261126031310_Initial') THEN
    CREATE TABLE wf_journal (
        "Sequence" bigint GENERATED BY DEFAULT AS IDENTITY,
        "InstanceId" uuid NOT NULL,
        "DefinitionKey" character varying(200) NOT NULL,
        "DefinitionVersion" integer NOT NULL,
        "BusinessKey" character varying(200),
        "NodeId" character varying(200),
        "NodeType" character varying(64),
        "EventType" character varying(32) NOT NULL,
        "At" timestamp with time zone NOT NULL,
        "ActorId" character varying(200) NOT NULL,
        "ExecutionId" character varying(200),
        "Detail" text,
        "DataJson" text,
        CONSTRAINT "PK_wf_journal" PRIMARY KEY ("Sequence")
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261126031310_Initial') THEN
    CREATE TABLE wf_message_starts (
        "DefinitionId" uuid NOT NULL,
        "StartEventId" character varying(200) NOT NULL,
        "DefinitionKey" character varying(200) NOT NULL,
        "MessageName" character varying(400) NOT NULL,
        CONSTRAINT "PK_wf_message_starts" PRIMARY KEY ("DefinitionId", "StartEventId")
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261126031310_Initial') THEN
    CREATE TABLE wf_message_subscriptions (
        "BookmarkId" character varying(64) NOT NULL,
        "InstanceId" uuid NOT NULL,
        "NodeId" character varying(200) NOT NULL,
        "MessageName" character varying(400) NOT NULL,
        "CorrelationKey" character varying(200),
        "CreatedAt" timestamp with time zone NOT NULL,
        CONSTRAINT "PK_wf_message_subscriptions" PRIMARY KEY ("BookmarkId")
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261126031310_Initial') THEN
    CREATE TABLE wf_tasks (
        "Id" character varying(64) NOT NULL,
        "InstanceId" uuid NOT NULL,
        "DefinitionKey" character varying(200) NOT NULL,
        "DefinitionVersion" integer NOT NULL,
        "BusinessKey" character varying(200),
        "NodeId" character varying(200) NOT NULL,
        "Name" character varying(400),
        "FormKey" character varying(400),
        "Assignee" character varying(200),
        "Status" character varying(32) NOT NULL,
        "CreatedAt" timestamp with time zone NOT NULL,
        "DueAt" timestamp with time zone,
        "EndedAt" timestamp with time zone,
        "CompletedBy" character varying(200),
        CONSTRAINT "PK_wf_tasks" PRIMARY KEY ("Id")
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261126031310_Initial') THEN
    CREATE TABLE wf_timers (
        "BookmarkId" character varying(64) NOT NULL,
        "InstanceId" uuid,
        "NodeId" character varying(200) NOT NULL,
        "DueAt" timestamp with time zone NOT NULL,
        "DefinitionId" uuid,
        "DefinitionKey" character varying(200),
        "RemainingRepeats" integer,
        CONSTRAINT "PK_wf_timers" PRIMARY KEY ("BookmarkId")
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261126031310_Initial') THEN
    CREATE TABLE case_reports (
        "Id" uuid NOT NULL,
        "CaseId" uuid NOT NULL,
        "Channel" character varying(30) NOT NULL,
        "IdempotencyKey" character varying(100),
        "ExternalId" character varying(100),
        "CategoryCode" character varying(20) NOT NULL,
        "Text" character varying(4000) NOT NULL,
        "Address" character varying(300),
        "Latitude" double precision NOT NULL,
        "Longitude" double precision NOT NULL,
        "ReporterName" character varying(100),
        "ReporterPhone" character varying(30),
        "ReporterPhoneHash" character varying(64),
        "TrackingCode" character varying(20) NOT NULL,
        "ReportedAt" timestamp with time zone NOT NULL,
        "ReceivedAt" timestamp with time zone NOT NULL,
        "ReceivedBy" character varying(100) NOT NULL,
        "Link" character varying(20) NOT NULL,
        "MergeScore" double precision,
        "MergeReasons" character varying(4000),
        CONSTRAINT "PK_case_reports" PRIMARY KEY ("Id"),
        CONSTRAINT "FK_case_reports_cases_CaseId" FOREIGN KEY ("CaseId") REFERENCES cases ("Id") ON DELETE CASCADE
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261126031310_Initial') THEN
    CREATE TABLE wf_task_candidates (
        "TaskId" character varying(64) NOT NULL,
        "Kind" character varying(32) NOT NULL,
        "Value" character varying(200) NOT NULL,
        CONSTRAINT "PK_wf_task_candidates" PRIMARY KEY ("TaskId", "Kind", "Value"),
        CONSTRAINT "FK_wf_task_candidates_wf_tasks_TaskId" FOREIGN KEY ("TaskId") REFERENCES wf_tasks ("Id") ON DELETE CASCADE
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261126031310_Initial') THEN
    CREATE INDEX "IX_case_attachments_CaseId" ON case_attachments ("CaseId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261126031310_Initial') THEN
    CREATE INDEX "IX_case_events_CaseId_At" ON case_events ("CaseId", "At");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261126031310_Initial') THEN
    CREATE INDEX "IX_case_reports_CaseId" ON case_reports ("CaseId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261126031310_Initial') THEN
    CREATE UNIQUE INDEX "IX_case_reports_Channel_IdempotencyKey" ON case_reports ("Channel", "IdempotencyKey");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261126031310_Initial') THEN
    CREATE UNIQUE INDEX "IX_case_reports_TrackingCode" ON case_reports ("TrackingCode");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261126031310_Initial') THEN
    CREATE INDEX "IX_cases_BucketKey_LastReportedAt" ON cases ("BucketKey", "LastReportedAt");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261126031310_Initial') THEN
    CREATE UNIQUE INDEX "IX_cases_Number" ON cases ("Number");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261126031310_Initial') THEN
    CREATE INDEX "IX_cases_ResponsibleUnitId" ON cases ("ResponsibleUnitId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261126031310_Initial') THEN
    CREATE INDEX "IX_cases_Status_CreatedAt" ON cases ("Status", "CreatedAt");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261126031310_Initial') THEN
    CREATE UNIQUE INDEX "IX_open311_api_keys_KeyHash" ON open311_api_keys ("KeyHash");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261126031310_Initial') THEN
    CREATE INDEX "IX_sla_deadline_adjustments_DeadlineId" ON sla_deadline_adjustments ("DeadlineId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261126031310_Initial') THEN
    CREATE INDEX "IX_sla_deadline_adjustments_InstanceId" ON sla_deadline_adjustments ("InstanceId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261126031310_Initial') THEN
    CREATE UNIQUE INDEX "IX_sla_deadlines_BookmarkId" ON sla_deadlines ("BookmarkId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261126031310_Initial') THEN
    CREATE INDEX "IX_sla_deadlines_DueAt_Status" ON sla_deadlines ("DueAt", "Status");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261126031310_Initial') THEN
    CREATE INDEX "IX_sla_deadlines_InstanceId" ON sla_deadlines ("InstanceId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261126031310_Initial') THEN
    CREATE INDEX "IX_sla_deadlines_WarningAt_Status" ON sla_deadlines ("WarningAt", "Status");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261126031310_Initial') THEN
    CREATE INDEX "IX_sla_limit_changes_DefinitionKey_At" ON sla_limit_changes ("DefinitionKey", "At");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261126031310_Initial') THEN
    CREATE INDEX "IX_wf_call_links_ChildInstanceId" ON wf_call_links ("ChildInstanceId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261126031310_Initial') THEN
    CREATE INDEX "IX_wf_call_links_ParentInstanceId" ON wf_call_links ("ParentInstanceId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261126031310_Initial') THEN
    CREATE UNIQUE INDEX "IX_wf_definitions_Key_Version" ON wf_definitions ("Key", "Version");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261126031310_Initial') THEN
    CREATE INDEX "IX_wf_incidents_InstanceId_ResolvedAt" ON wf_incidents ("InstanceId", "ResolvedAt");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261126031310_Initial') THEN
    CREATE INDEX "IX_wf_incidents_ResolvedAt" ON wf_incidents ("ResolvedAt");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261126031310_Initial') THEN
    CREATE INDEX "IX_wf_instances_BusinessKey" ON wf_instances ("BusinessKey");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261126031310_Initial') THEN
    CREATE INDEX "IX_wf_instances_DefinitionId" ON wf_instances ("DefinitionId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261126031310_Initial') THEN
    CREATE INDEX "IX_wf_instances_DefinitionKey_Status" ON wf_instances ("DefinitionKey", "Status");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261126031310_Initial') THEN
    CREATE INDEX "IX_wf_instances_ParentInstanceId" ON wf_instances ("ParentInstanceId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261126031310_Initial') THEN
    CREATE INDEX "IX_wf_jobs_InstanceId" ON wf_jobs ("InstanceId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261126031310_Initial') THEN
    CREATE INDEX "IX_wf_jobs_NextAttemptAt" ON wf_jobs ("NextAttemptAt");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261126031310_Initial') THEN
    CREATE INDEX "IX_wf_journal_BusinessKey_Sequence" ON wf_journal ("BusinessKey", "Sequence");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261126031310_Initial') THEN
    CREATE INDEX "IX_wf_journal_DefinitionKey_At" ON wf_journal ("DefinitionKey", "At");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261126031310_Initial') THEN
    CREATE INDEX "IX_wf_journal_InstanceId_Sequence" ON wf_journal ("InstanceId", "Sequence");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261126031310_Initial') THEN
    CREATE INDEX "IX_wf_journal_NodeId_At" ON wf_journal ("NodeId", "At");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261126031310_Initial') THEN
    CREATE INDEX "IX_wf_message_starts_DefinitionKey" ON wf_message_starts ("DefinitionKey");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261126031310_Initial') THEN
    CREATE INDEX "IX_wf_message_starts_MessageName" ON wf_message_starts ("MessageName");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261126031310_Initial') THEN
    CREATE INDEX "IX_wf_message_subscriptions_InstanceId" ON wf_message_subscriptions ("InstanceId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261126031310_Initial') THEN
    CREATE INDEX "IX_wf_message_subscriptions_MessageName_CorrelationKey" ON wf_message_subscriptions ("MessageName", "CorrelationKey");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261126031310_Initial') THEN
    CREATE INDEX "IX_wf_task_candidates_Kind_Value" ON wf_task_candidates ("Kind", "Value");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261126031310_Initial') THEN
    CREATE INDEX "IX_wf_tasks_Assignee_Status" ON wf_tasks ("Assignee", "Status");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261126031310_Initial') THEN
    CREATE INDEX "IX_wf_tasks_InstanceId" ON wf_tasks ("InstanceId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261126031310_Initial') THEN
    CREATE INDEX "IX_wf_tasks_Status_CreatedAt" ON wf_tasks ("Status", "CreatedAt");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261126031310_Initial') THEN
    CREATE INDEX "IX_wf_timers_DefinitionKey" ON wf_timers ("DefinitionKey");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261126031310_Initial') THEN
    CREATE INDEX "IX_wf_timers_DueAt" ON wf_timers ("DueAt");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261126031310_Initial') THEN
    CREATE INDEX "IX_wf_timers_InstanceId" ON wf_timers ("InstanceId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261126031310_Initial') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261126031310_Initial', '10.0.15');
    END IF;
END $EF$;
COMMIT;

