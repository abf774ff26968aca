IF OBJECT_ID(N'[__EFMigrationsHistory]') IS NULL
BEGIN
    CREATE TABLE [__EFMigrationsHistory] (
        [MigrationId] nvarchar(150) NOT NULL,
        [ProductVersion] nvarchar(32) NOT NULL,
        CONSTRAINT [PK___EFMigrationsHistory] PRIMARY KEY ([MigrationId])
    );
END;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE TABLE [audit_entries] (
        [Sequence] bigint NOT NULL IDENTITY,
        [At] datetimeoffset NOT NULL,
        [Actor] nvarchar(200) NOT NULL,
        [Action] nvarchar(100) NOT NULL,
        [SubjectType] nvarchar(100) NOT NULL,
        [SubjectId] nvarchar(300) NOT NULL,
        [Before] nvarchar(max) NULL,
        [After] nvarchar(max) NULL,
        [CorrelationId] nvarchar(100) NULL,
        [ChainPosition] bigint NULL,
        [Hash] nvarchar(64) NULL,
        CONSTRAINT [PK_audit_entries] PRIMARY KEY ([Sequence])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    EXEC(N'CREATE TRIGGER [audit_entries_append_only] ON [audit_entries] AFTER UPDATE, DELETE
    AS
    BEGIN
        SET NOCOUNT ON;
        IF NOT EXISTS (SELECT 1 FROM deleted)
            RETURN;
        IF NOT EXISTS (SELECT 1 FROM inserted)
            THROW 51000, N''audit_entries is append-only: DELETE refused'', 1;
        IF EXISTS (
            SELECT 1
            FROM deleted AS d
            LEFT JOIN inserted AS i ON i.[Sequence] = d.[Sequence]
            WHERE i.[Sequence] IS NULL
               OR d.[Hash] IS NOT NULL OR d.[ChainPosition] IS NOT NULL OR i.[Hash] IS NULL OR i.[ChainPosition] IS NULL
               OR EXISTS (SELECT i.[At], DATEPART(TZOFFSET, i.[At]), CAST(i.[Actor] AS varbinary(max)), DATALENGTH(i.[Actor]), CAST(i.[Action] AS varbinary(max)), DATALENGTH(i.[Action]), CAST(i.[SubjectType] AS varbinary(max)), DATALENGTH(i.[SubjectType]), CAST(i.[SubjectId] AS varbinary(max)), DATALENGTH(i.[SubjectId]), CAST(i.[Before] AS varbinary(max)), DATALENGTH(i.[Before]), CAST(i.[After] AS varbinary(max)), DATALENGTH(i.[After]), CAST(i.[CorrelationId] AS varbinary(max)), DATALENGTH(i.[CorrelationId])
                          EXCEPT
                          SELECT d.[At], DATEPART(TZOFFSET, d.[At]), CAST(d.[Actor] AS varbinary(max)), DATALENGTH(d.[Actor]), CAST(d.[Action] AS varbinary(max)), DATALENGTH(d.[Action]), CAST(d.[SubjectType] AS varbinary(max)), DATALENGTH(d.[SubjectType]), CAST(d.[SubjectId] AS varbinary(max)), DATALENGTH(d.[SubjectId]), CAST(d.[Before] AS varbinary(max)), DATALENGTH(d.[Before]), CAST(d.[After] AS varbinary(max)), DATALENGTH(d.[After]), CAST(d.[CorrelationId] AS varbinary(max)), DATALENGTH(d.[CorrelationId])))
            THROW 51000, N''audit_entries is append-only: UPDATE refused (only the sealer fills in an unsealed entry''''s chain position and hash, once)'', 1;
    END;');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE TABLE [auth_users] (
        [Id] nvarchar(450) NOT NULL,
        [DisplayName] nvarchar(100) NOT NULL,
        [OrgUnitId] nvarchar(60) NOT NULL,
        [UserName] nvarchar(256) NULL,
        [NormalizedUserName] nvarchar(256) NULL,
        [Email] nvarchar(256) NULL,
        [NormalizedEmail] nvarchar(256) NULL,
        [EmailConfirmed] bit NOT NULL,
        [PasswordHash] nvarchar(max) NULL,
        [SecurityStamp] nvarchar(max) NULL,
        [ConcurrencyStamp] nvarchar(max) NULL,
        [PhoneNumber] nvarchar(max) NULL,
        [PhoneNumberConfirmed] bit NOT NULL,
        [TwoFactorEnabled] bit NOT NULL,
        [LockoutEnd] datetimeoffset NULL,
        [LockoutEnabled] bit NOT NULL,
        [AccessFailedCount] int NOT NULL,
        CONSTRAINT [PK_auth_users] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE TABLE [case_attachments] (
        [Id] uniqueidentifier NOT NULL,
        [CaseId] uniqueidentifier NOT NULL,
        [TaskId] nvarchar(200) NULL,
        [StorageKey] nvarchar(200) NOT NULL,
        [FileName] nvarchar(200) NOT NULL,
        [ContentType] nvarchar(100) NOT NULL,
        [Length] bigint NOT NULL,
        [Sha256] nvarchar(64) NOT NULL,
        [UploadedBy] nvarchar(100) NOT NULL,
        [UploadedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_case_attachments] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE TABLE [case_events] (
        [Id] uniqueidentifier NOT NULL,
        [CaseId] uniqueidentifier NOT NULL,
        [Kind] nvarchar(30) NOT NULL,
        [TaskId] nvarchar(200) NULL,
        [Actor] nvarchar(100) NOT NULL,
        [At] datetimeoffset NOT NULL,
        [Sequence] bigint NOT NULL,
        [Text] nvarchar(4000) NULL,
        [AttachmentId] uniqueidentifier NULL,
        [OrgUnitId] nvarchar(60) NULL,
        CONSTRAINT [PK_case_events] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE TABLE [cases] (
        [Id] uniqueidentifier NOT NULL,
        [Number] nvarchar(40) NOT NULL,
        [Status] nvarchar(20) NOT NULL,
        [CategoryCode] nvarchar(20) NOT NULL,
        [Channel] nvarchar(30) NOT NULL,
        [Urgency] nvarchar(20) NOT NULL,
        [Description] nvarchar(4000) NOT NULL,
        [Address] nvarchar(300) NULL,
        [Latitude] float NOT NULL,
        [Longitude] float NOT NULL,
        [BucketKey] bigint NOT NULL,
        [GridCellId] nvarchar(60) NULL,
        [CommunityId] nvarchar(60) NULL,
        [StreetId] nvarchar(60) NULL,
        [DistrictId] nvarchar(60) NULL,
        [ResponsibleUnitId] nvarchar(60) NULL,
        [EscalationLevel] nvarchar(20) NULL,
        [EscalatedToUnitId] nvarchar(60) NULL,
        [Escalations] int NOT NULL,
        [Returns] int NOT NULL,
        [Reworks] int NOT NULL,
        [Reopenings] int NOT NULL,
        [ReportCount] int NOT NULL,
        [ReportedAt] datetimeoffset NOT NULL,
        [LastReportedAt] datetimeoffset NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [FiledAt] datetimeoffset NULL,
        [ClosedAt] datetimeoffset NULL,
        [UpdatedAt] datetimeoffset NOT NULL,
        [Satisfaction] nvarchar(30) NULL,
        [Resolution] nvarchar(4000) NULL,
        [RejectionReason] nvarchar(4000) NULL,
        [MergedInto] nvarchar(60) NULL,
        [InstanceId] uniqueidentifier NULL,
        CONSTRAINT [PK_cases] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE TABLE [open311_api_keys] (
        [Id] uniqueidentifier NOT NULL,
        [Name] nvarchar(100) NOT NULL,
        [KeyHash] nvarchar(64) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [CreatedBy] nvarchar(100) NOT NULL,
        [RevokedAt] datetimeoffset NULL,
        CONSTRAINT [PK_open311_api_keys] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE TABLE [sla_deadline_adjustments] (
        [Id] uniqueidentifier NOT NULL,
        [DeadlineId] uniqueidentifier NOT NULL,
        [InstanceId] uniqueidentifier NOT NULL,
        [Kind] nvarchar(20) NOT NULL,
        [Status] nvarchar(20) NOT NULL,
        [Extension] nvarchar(50) NULL,
        [Reason] nvarchar(2000) NOT NULL,
        [RequestedBy] nvarchar(200) NOT NULL,
        [RequestedAt] datetimeoffset NOT NULL,
        [DecidedBy] nvarchar(200) NULL,
        [DecidedAt] datetimeoffset NULL,
        [DecisionNote] nvarchar(2000) NULL,
        [EndedAt] datetimeoffset NULL,
        [EndedBy] nvarchar(200) NULL,
        CONSTRAINT [PK_sla_deadline_adjustments] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE TABLE [sla_deadlines] (
        [Id] uniqueidentifier NOT NULL,
        [InstanceId] uniqueidentifier NOT NULL,
        [BookmarkId] nvarchar(200) NOT NULL,
        [NodeId] nvarchar(200) NOT NULL,
        [DefinitionKey] nvarchar(200) NOT NULL,
        [BusinessKey] nvarchar(200) NULL,
        [StartedAt] datetimeoffset NOT NULL,
        [WarningAt] datetimeoffset NOT NULL,
        [DueAt] datetimeoffset NOT NULL,
        [Limit] nvarchar(50) NOT NULL,
        [CalendarKind] nvarchar(20) NOT NULL,
        [Status] nvarchar(20) NOT NULL,
        [CompletedAt] datetimeoffset NULL,
        [CompletedLate] bit NOT NULL,
        [WarnedAt] datetimeoffset NULL,
        [BreachedAt] datetimeoffset NULL,
        [WarningAlarm] bit NOT NULL,
        [DueAlarm] bit NOT NULL,
        [PausedAt] datetimeoffset NULL,
        CONSTRAINT [PK_sla_deadlines] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE TABLE [sla_limit_changes] (
        [Id] uniqueidentifier NOT NULL,
        [At] datetimeoffset NOT NULL,
        [AppliedBy] nvarchar(100) NOT NULL,
        [DefinitionKey] nvarchar(200) NOT NULL,
        [BaseVersion] int NULL,
        [OnDraft] bit NOT NULL,
        [NodeId] nvarchar(200) NOT NULL,
        [CategoryCode] nvarchar(20) NULL,
        [OldLimit] nvarchar(40) NULL,
        [OldLimitSource] nvarchar(20) NULL,
        [NewLimit] nvarchar(40) NOT NULL,
        [Loosened] bit NOT NULL,
        [Note] nvarchar(2000) NULL,
        CONSTRAINT [PK_sla_limit_changes] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE TABLE [wf_call_links] (
        [BookmarkId] nvarchar(64) NOT NULL,
        [ParentInstanceId] uniqueidentifier NOT NULL,
        [ChildInstanceId] uniqueidentifier NOT NULL,
        [CallActivityNodeId] nvarchar(200) NOT NULL,
        CONSTRAINT [PK_wf_call_links] PRIMARY KEY ([BookmarkId])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE TABLE [wf_definition_drafts] (
        [Key] nvarchar(200) NOT NULL,
        [Xml] nvarchar(max) NOT NULL,
        [UpdatedAt] datetimeoffset NOT NULL,
        [UpdatedBy] nvarchar(200) NOT NULL,
        CONSTRAINT [PK_wf_definition_drafts] PRIMARY KEY ([Key])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE TABLE [wf_definitions] (
        [Id] uniqueidentifier NOT NULL,
        [Key] nvarchar(200) NOT NULL,
        [Version] int NOT NULL,
        [Name] nvarchar(400) NULL,
        [Xml] nvarchar(max) NOT NULL,
        [ContentHash] nvarchar(64) NOT NULL,
        [PublishedAt] datetimeoffset NOT NULL,
        [PublishedBy] nvarchar(200) NOT NULL,
        CONSTRAINT [PK_wf_definitions] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE TABLE [wf_incidents] (
        [Id] uniqueidentifier NOT NULL,
        [InstanceId] uniqueidentifier NOT NULL,
        [BookmarkId] nvarchar(64) NOT NULL,
        [NodeId] nvarchar(200) NOT NULL,
        [Handler] nvarchar(400) NULL,
        [Message] nvarchar(max) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [ResolvedAt] datetimeoffset NULL,
        [ResolvedBy] nvarchar(200) NULL,
        CONSTRAINT [PK_wf_incidents] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE TABLE [wf_instances] (
        [Id] uniqueidentifier NOT NULL,
        [DefinitionId] uniqueidentifier NOT NULL,
        [DefinitionKey] nvarchar(200) NOT NULL,
        [DefinitionVersion] int NOT NULL,
        [BusinessKey] nvarchar(200) NULL,
        [Status] nvarchar(32) NOT NULL,
        [ParentInstanceId] uniqueidentifier NULL,
        [StartedAt] datetimeoffset NOT NULL,
        [EndedAt] datetimeoffset NULL,
        [StateJson] nvarchar(max) NOT NULL,
        [Revision] bigint NOT NULL,
        CONSTRAINT [PK_wf_instances] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE TABLE [wf_jobs] (
        [BookmarkId] nvarchar(64) NOT NULL,
        [InstanceId] uniqueidentifier NOT NULL,
        [NodeId] nvarchar(200) NOT NULL,
        [Handler] nvarchar(400) NOT NULL,
        [RetriesLeft] int NOT NULL,
        [FailedAttempts] int NOT NULL,
        [NextAttemptAt] datetimeoffset NULL,
        [LockOwner] nvarchar(200) NULL,
        [LockedUntil] datetimeoffset NULL,
        [LastError] nvarchar(max) NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_wf_jobs] PRIMARY KEY ([BookmarkId])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE TABLE [wf_journal] (
        [Sequence] bigint NOT NULL IDENTITY,
        [InstanceId] uniqueidentifier NOT NULL,
        [DefinitionKey] nvarchar(200) NOT NULL,
        [DefinitionVersion] int NOT NULL,
        [BusinessKey] nvarchar(200) NULL,
        [NodeId] nvarchar(200) NULL,
        [NodeType] nvarchar(64) NULL,
        [EventType] nvarchar(32) NOT NULL,
        [At] datetimeoffset NOT NULL,
        [ActorId] nvarchar(200) NOT NULL,
        [ExecutionId] nvarchar(200) NULL,
        [Detail] nvarchar(max) NULL,
        [DataJson] nvarchar(max) NULL,
        CONSTRAINT [PK_wf_journal] PRIMARY KEY ([Sequence])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE TABLE [wf_message_starts] (
        [DefinitionId] uniqueidentifier NOT NULL,
        [StartEventId] nvarchar(200) NOT NULL,
        [DefinitionKey] nvarchar(200) NOT NULL,
        [MessageName] nvarchar(400) NOT NULL,
        CONSTRAINT [PK_wf_message_starts] PRIMARY KEY ([DefinitionId], [StartEventId])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE TABLE [wf_message_subscriptions] (
        [BookmarkId] nvarchar(64) NOT NULL,
        [InstanceId] uniqueidentifier NOT NULL,
        [NodeId] nvarchar(200) NOT NULL,
        [MessageName] nvarchar(400) NOT NULL,
        [CorrelationKey] nvarchar(200) NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_wf_message_subscriptions] PRIMARY KEY ([BookmarkId])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE TABLE [wf_tasks] (
        [Id] nvarchar(64) NOT NULL,
        [InstanceId] uniqueidentifier NOT NULL,
        [DefinitionKey] nvarchar(200) NOT NULL,
        [DefinitionVersion] int NOT NULL,
        [BusinessKey] nvarchar(200) NULL,
        [NodeId] nvarchar(200) NOT NULL,
        [Name] nvarchar(400) NULL,
        [FormKey] nvarchar(400) NULL,
        [Assignee] nvarchar(200) NULL,
        [Status] nvarchar(32) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [DueAt] datetimeoffset NULL,
        [EndedAt] datetimeoffset NULL,
        [CompletedBy] nvarchar(200) NULL,
        CONSTRAINT [PK_wf_tasks] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE TABLE [wf_timers] (
        [BookmarkId] nvarchar(64) NOT NULL,
        [InstanceId] uniqueidentifier NULL,
        [NodeId] nvarchar(200) NOT NULL,
        [DueAt] datetimeoffset NOT NULL,
        [DefinitionId] uniqueidentifier NULL,
        [DefinitionKey] nvarchar(200) NULL,
        [RemainingRepeats] int NULL,
        CONSTRAINT [PK_wf_timers] PRIMARY KEY ([BookmarkId])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE TABLE [auth_user_claims] (
        [Id] int NOT NULL IDENTITY,
        [UserId] nvarchar(450) NOT NULL,
        [ClaimType] nvarchar(max) NULL,
        [ClaimValue] nvarchar(max) NULL,
        CONSTRAINT [PK_auth_user_claims] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_auth_user_claims_auth_users_UserId] FOREIGN KEY ([UserId]) REFERENCES [auth_users] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE TABLE [auth_user_logins] (
        [LoginProvider] nvarchar(450) NOT NULL,
        [ProviderKey] nvarchar(450) NOT NULL,
        [ProviderDisplayName] nvarchar(max) NULL,
        [UserId] nvarchar(450) NOT NULL,
        CONSTRAINT [PK_auth_user_logins] PRIMARY KEY ([LoginProvider], [ProviderKey]),
        CONSTRAINT [FK_auth_user_logins_auth_users_UserId] FOREIGN KEY ([UserId]) REFERENCES [auth_users] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE TABLE [auth_user_tokens] (
        [UserId] nvarchar(450) NOT NULL,
        [LoginProvider] nvarchar(450) NOT NULL,
        [Name] nvarchar(450) NOT NULL,
        [Value] nvarchar(max) NULL,
        CONSTRAINT [PK_auth_user_tokens] PRIMARY KEY ([UserId], [LoginProvider], [Name]),
        CONSTRAINT [FK_auth_user_tokens_auth_users_UserId] FOREIGN KEY ([UserId]) REFERENCES [auth_users] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE TABLE [case_reports] (
        [Id] uniqueidentifier NOT NULL,
        [CaseId] uniqueidentifier NOT NULL,
        [Channel] nvarchar(30) NOT NULL,
        [IdempotencyKey] nvarchar(100) NULL,
        [ExternalId] nvarchar(100) NULL,
        [CategoryCode] nvarchar(20) NOT NULL,
        [Text] nvarchar(4000) NOT NULL,
        [Address] nvarchar(300) NULL,
        [Latitude] float NOT NULL,
        [Longitude] float NOT NULL,
        [ReporterName] nvarchar(100) NULL,
        [ReporterPhone] nvarchar(30) NULL,
        [ReporterPhoneHash] nvarchar(64) NULL,
        [TrackingCode] nvarchar(20) NOT NULL,
        [ReportedAt] datetimeoffset NOT NULL,
        [ReceivedAt] datetimeoffset NOT NULL,
        [ReceivedBy] nvarchar(100) NOT NULL,
        [Link] nvarchar(20) NOT NULL,
        [MergeScore] float NULL,
        [MergeReasons] nvarchar(4000) NULL,
        CONSTRAINT [PK_case_reports] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_case_reports_cases_CaseId] FOREIGN KEY ([CaseId]) REFERENCES [cases] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE TABLE [wf_task_candidates] (
        [TaskId] nvarchar(64) NOT NULL,
        [Kind] nvarchar(32) NOT NULL,
        [Value] nvarchar(200) NOT NULL,
        [TaskEnded] bit NOT NULL,
        CONSTRAINT [PK_wf_task_candidates] PRIMARY KEY ([TaskId], [Kind], [Value]),
        CONSTRAINT [FK_wf_task_candidates_wf_tasks_TaskId] FOREIGN KEY ([TaskId]) REFERENCES [wf_tasks] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE INDEX [IX_audit_entries_Actor_At] ON [audit_entries] ([Actor], [At]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE INDEX [IX_audit_entries_At] ON [audit_entries] ([At]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_audit_entries_ChainPosition] ON [audit_entries] ([ChainPosition]) WHERE [ChainPosition] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE INDEX [IX_audit_entries_SubjectType_SubjectId] ON [audit_entries] ([SubjectType], [SubjectId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE INDEX [IX_auth_user_claims_UserId] ON [auth_user_claims] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE INDEX [IX_auth_user_logins_UserId] ON [auth_user_logins] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE INDEX [EmailIndex] ON [auth_users] ([NormalizedEmail]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [UserNameIndex] ON [auth_users] ([NormalizedUserName]) WHERE [NormalizedUserName] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE INDEX [IX_case_attachments_CaseId] ON [case_attachments] ([CaseId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE INDEX [IX_case_events_CaseId_At] ON [case_events] ([CaseId], [At]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE INDEX [IX_case_reports_CaseId] ON [case_reports] ([CaseId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_case_reports_Channel_IdempotencyKey] ON [case_reports] ([Channel], [IdempotencyKey]) WHERE [IdempotencyKey] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_case_reports_TrackingCode] ON [case_reports] ([TrackingCode]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE INDEX [IX_cases_BucketKey_LastReportedAt] ON [cases] ([BucketKey], [LastReportedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_cases_Number] ON [cases] ([Number]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE INDEX [IX_cases_ResponsibleUnitId] ON [cases] ([ResponsibleUnitId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE INDEX [IX_cases_Status_CreatedAt] ON [cases] ([Status], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_open311_api_keys_KeyHash] ON [open311_api_keys] ([KeyHash]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE INDEX [IX_sla_deadline_adjustments_DeadlineId] ON [sla_deadline_adjustments] ([DeadlineId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE INDEX [IX_sla_deadline_adjustments_InstanceId] ON [sla_deadline_adjustments] ([InstanceId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_sla_deadlines_BookmarkId] ON [sla_deadlines] ([BookmarkId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE INDEX [IX_sla_deadlines_DueAt_Status] ON [sla_deadlines] ([DueAt], [Status]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE INDEX [IX_sla_deadlines_InstanceId] ON [sla_deadlines] ([InstanceId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE INDEX [IX_sla_deadlines_WarningAt_Status] ON [sla_deadlines] ([WarningAt], [Status]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE INDEX [IX_sla_limit_changes_DefinitionKey_At] ON [sla_limit_changes] ([DefinitionKey], [At]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE INDEX [IX_wf_call_links_ChildInstanceId] ON [wf_call_links] ([ChildInstanceId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE INDEX [IX_wf_call_links_ParentInstanceId] ON [wf_call_links] ([ParentInstanceId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_wf_definitions_Key_Version] ON [wf_definitions] ([Key], [Version]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE INDEX [IX_wf_incidents_InstanceId_ResolvedAt] ON [wf_incidents] ([InstanceId], [ResolvedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE INDEX [IX_wf_incidents_ResolvedAt] ON [wf_incidents] ([ResolvedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE INDEX [IX_wf_instances_BusinessKey] ON [wf_instances] ([BusinessKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE INDEX [IX_wf_instances_DefinitionId] ON [wf_instances] ([DefinitionId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE INDEX [IX_wf_instances_DefinitionKey_Status] ON [wf_instances] ([DefinitionKey], [Status]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE INDEX [IX_wf_instances_ParentInstanceId] ON [wf_instances] ([ParentInstanceId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE INDEX [IX_wf_jobs_InstanceId] ON [wf_jobs] ([InstanceId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE INDEX [IX_wf_jobs_NextAttemptAt] ON [wf_jobs] ([NextAttemptAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE INDEX [IX_wf_journal_BusinessKey_Sequence] ON [wf_journal] ([BusinessKey], [Sequence]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE INDEX [IX_wf_journal_DefinitionKey_At] ON [wf_journal] ([DefinitionKey], [At]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE INDEX [IX_wf_journal_InstanceId_Sequence] ON [wf_journal] ([InstanceId], [Sequence]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE INDEX [IX_wf_journal_NodeId_At] ON [wf_journal] ([NodeId], [At]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE INDEX [IX_wf_message_starts_DefinitionKey] ON [wf_message_starts] ([DefinitionKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE INDEX [IX_wf_message_starts_MessageName] ON [wf_message_starts] ([MessageName]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE INDEX [IX_wf_message_subscriptions_InstanceId] ON [wf_message_subscriptions] ([InstanceId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE INDEX [IX_wf_message_subscriptions_MessageName_CorrelationKey] ON [wf_message_subscriptions] ([MessageName], [CorrelationKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE INDEX [IX_wf_task_candidates_Kind_Value_TaskEnded] ON [wf_task_candidates] ([Kind], [Value], [TaskEnded]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE INDEX [IX_wf_tasks_Assignee_Status] ON [wf_tasks] ([Assignee], [Status]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE INDEX [IX_wf_tasks_InstanceId] ON [wf_tasks] ([InstanceId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE INDEX [IX_wf_tasks_Status_CreatedAt] ON [wf_tasks] ([Status], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE INDEX [IX_wf_timers_DefinitionKey] ON [wf_timers] ([DefinitionKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE INDEX [IX_wf_timers_DueAt] ON [wf_timers] ([DueAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    CREATE INDEX [IX_wf_timers_InstanceId] ON [wf_timers] ([InstanceId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126120502_Initial'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261126120502_Initial', N'10.0.15');
END;

COMMIT;
GO

