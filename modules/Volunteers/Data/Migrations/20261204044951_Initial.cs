using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HappyCommunity.Modules.Volunteers.Data.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "__outbox",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Payload = table.Column<string>(type: "TEXT", nullable: false),
                    CentreId = table.Column<int>(type: "INTEGER", nullable: false),
                    OccurredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DispatchedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    LastError = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK___outbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "activities",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CentreId = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Place = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    StartAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Capacity = table.Column<int>(type: "INTEGER", nullable: false),
                    Confirmed = table.Column<int>(type: "INTEGER", nullable: false),
                    Skills = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    SeriesId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CheckInCode = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Cancelled = table.Column<bool>(type: "INTEGER", nullable: false),
                    ReminderSentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    UpdatedBy = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedVia = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_activities", x => x.Id);
                    table.CheckConstraint("CK_activities_capacity", "\"Confirmed\" >= 0 AND \"Confirmed\" <= \"Capacity\"");
                });

            migrationBuilder.CreateTable(
                name: "help_tasks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CentreId = table.Column<int>(type: "INTEGER", nullable: false),
                    EventId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SourceModule = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    SourceRef = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    TitleZh = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    TitleEn = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Details = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Place = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    PrivateDetails = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Skills = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    EstimatedHours = table.Column<double>(type: "REAL", nullable: false),
                    ClaimBy = table.Column<long>(type: "INTEGER", nullable: false),
                    DoneBy = table.Column<long>(type: "INTEGER", nullable: false),
                    Link = table.Column<string>(type: "TEXT", nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    VolunteerId = table.Column<int>(type: "INTEGER", nullable: true),
                    VolunteerUserId = table.Column<string>(type: "TEXT", nullable: true),
                    VolunteerName = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ClaimedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_help_tasks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "rewards",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CentreId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    PointCost = table.Column<int>(type: "INTEGER", nullable: false),
                    Stock = table.Column<int>(type: "INTEGER", nullable: false),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rewards", x => x.Id);
                    table.CheckConstraint("CK_rewards_stock", "\"Stock\" >= 0 AND \"PointCost\" > 0");
                });

            migrationBuilder.CreateTable(
                name: "setup",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CentreId = table.Column<int>(type: "INTEGER", nullable: false),
                    SeededAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_setup", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "skills",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CentreId = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    NameZh = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_skills", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "volunteers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CentreId = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Skills = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Availability = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    DecisionNote = table.Column<string>(type: "TEXT", nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    UpdatedBy = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedVia = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_volunteers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ledger",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CentreId = table.Column<int>(type: "INTEGER", nullable: false),
                    VolunteerId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    Points = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    ActivityId = table.Column<int>(type: "INTEGER", nullable: true),
                    HelpTaskId = table.Column<int>(type: "INTEGER", nullable: true),
                    RedemptionId = table.Column<int>(type: "INTEGER", nullable: true),
                    ReversesId = table.Column<long>(type: "INTEGER", nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Month = table.Column<int>(type: "INTEGER", nullable: false),
                    By = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ledger_volunteers_VolunteerId",
                        column: x => x.VolunteerId,
                        principalTable: "volunteers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "redemptions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CentreId = table.Column<int>(type: "INTEGER", nullable: false),
                    RewardId = table.Column<int>(type: "INTEGER", nullable: false),
                    VolunteerId = table.Column<int>(type: "INTEGER", nullable: false),
                    Points = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    RequestedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_redemptions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_redemptions_rewards_RewardId",
                        column: x => x.RewardId,
                        principalTable: "rewards",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_redemptions_volunteers_VolunteerId",
                        column: x => x.VolunteerId,
                        principalTable: "volunteers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "signups",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CentreId = table.Column<int>(type: "INTEGER", nullable: false),
                    ActivityId = table.Column<int>(type: "INTEGER", nullable: false),
                    VolunteerId = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    SignedUpAt = table.Column<long>(type: "INTEGER", nullable: false),
                    QueueNumber = table.Column<long>(type: "INTEGER", nullable: false),
                    CheckedInAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CheckedOutAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CheckedInBy = table.Column<string>(type: "TEXT", nullable: true),
                    CreditedMinutes = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_signups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_signups_activities_ActivityId",
                        column: x => x.ActivityId,
                        principalTable: "activities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_signups_volunteers_VolunteerId",
                        column: x => x.VolunteerId,
                        principalTable: "volunteers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX___outbox_DispatchedAt",
                table: "__outbox",
                column: "DispatchedAt");

            migrationBuilder.CreateIndex(
                name: "IX_activities_CentreId",
                table: "activities",
                column: "CentreId");

            migrationBuilder.CreateIndex(
                name: "IX_activities_CentreId_StartAt",
                table: "activities",
                columns: new[] { "CentreId", "StartAt" });

            migrationBuilder.CreateIndex(
                name: "IX_help_tasks_CentreId",
                table: "help_tasks",
                column: "CentreId");

            migrationBuilder.CreateIndex(
                name: "IX_help_tasks_CentreId_Status",
                table: "help_tasks",
                columns: new[] { "CentreId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_help_tasks_EventId",
                table: "help_tasks",
                column: "EventId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_help_tasks_SourceModule_SourceRef",
                table: "help_tasks",
                columns: new[] { "SourceModule", "SourceRef" });

            migrationBuilder.CreateIndex(
                name: "IX_ledger_CentreId",
                table: "ledger",
                column: "CentreId");

            migrationBuilder.CreateIndex(
                name: "IX_ledger_CentreId_Month",
                table: "ledger",
                columns: new[] { "CentreId", "Month" });

            migrationBuilder.CreateIndex(
                name: "IX_ledger_CentreId_VolunteerId",
                table: "ledger",
                columns: new[] { "CentreId", "VolunteerId" });

            migrationBuilder.CreateIndex(
                name: "IX_ledger_ReversesId",
                table: "ledger",
                column: "ReversesId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ledger_VolunteerId",
                table: "ledger",
                column: "VolunteerId");

            migrationBuilder.CreateIndex(
                name: "IX_redemptions_CentreId",
                table: "redemptions",
                column: "CentreId");

            migrationBuilder.CreateIndex(
                name: "IX_redemptions_CentreId_Status",
                table: "redemptions",
                columns: new[] { "CentreId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_redemptions_RewardId",
                table: "redemptions",
                column: "RewardId");

            migrationBuilder.CreateIndex(
                name: "IX_redemptions_VolunteerId",
                table: "redemptions",
                column: "VolunteerId");

            migrationBuilder.CreateIndex(
                name: "IX_rewards_CentreId",
                table: "rewards",
                column: "CentreId");

            migrationBuilder.CreateIndex(
                name: "IX_setup_CentreId",
                table: "setup",
                column: "CentreId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_signups_ActivityId_VolunteerId",
                table: "signups",
                columns: new[] { "ActivityId", "VolunteerId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_signups_CentreId",
                table: "signups",
                column: "CentreId");

            migrationBuilder.CreateIndex(
                name: "IX_signups_CentreId_UserId",
                table: "signups",
                columns: new[] { "CentreId", "UserId" });

            migrationBuilder.CreateIndex(
                name: "IX_signups_VolunteerId",
                table: "signups",
                column: "VolunteerId");

            migrationBuilder.CreateIndex(
                name: "IX_skills_CentreId",
                table: "skills",
                column: "CentreId");

            migrationBuilder.CreateIndex(
                name: "IX_skills_CentreId_Code",
                table: "skills",
                columns: new[] { "CentreId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_volunteers_CentreId",
                table: "volunteers",
                column: "CentreId");

            migrationBuilder.CreateIndex(
                name: "IX_volunteers_CentreId_Status",
                table: "volunteers",
                columns: new[] { "CentreId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_volunteers_CentreId_UserId",
                table: "volunteers",
                columns: new[] { "CentreId", "UserId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "__outbox");

            migrationBuilder.DropTable(
                name: "help_tasks");

            migrationBuilder.DropTable(
                name: "ledger");

            migrationBuilder.DropTable(
                name: "redemptions");

            migrationBuilder.DropTable(
                name: "setup");

            migrationBuilder.DropTable(
                name: "signups");

            migrationBuilder.DropTable(
                name: "skills");

            migrationBuilder.DropTable(
                name: "rewards");

            migrationBuilder.DropTable(
                name: "activities");

            migrationBuilder.DropTable(
                name: "volunteers");
        }
    }
}
