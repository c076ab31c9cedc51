using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HappyCommunity.Host.Data.Migrations
{
    /// <inheritdoc />
    public partial class EventDeliveries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "EventDeliveries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EventId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EventType = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    SourceModule = table.Column<string>(type: "TEXT", nullable: false),
                    CentreId = table.Column<int>(type: "INTEGER", nullable: false),
                    HandlerModule = table.Column<string>(type: "TEXT", nullable: false),
                    Handler = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    OccurredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EventDeliveries", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EventDeliveries_EventId_Handler",
                table: "EventDeliveries",
                columns: new[] { "EventId", "Handler" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EventDeliveries_Status_CentreId",
                table: "EventDeliveries",
                columns: new[] { "Status", "CentreId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EventDeliveries");
        }
    }
}
