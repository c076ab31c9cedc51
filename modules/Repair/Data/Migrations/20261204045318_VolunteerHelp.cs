using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HappyCommunity.Modules.Repair.Data.Migrations
{
    /// <inheritdoc />
    public partial class VolunteerHelp : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "HelpFallbackAt",
                table: "requests",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VolunteerName",
                table: "requests",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_requests_CentreId_Status_HelpFallbackAt",
                table: "requests",
                columns: new[] { "CentreId", "Status", "HelpFallbackAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_requests_CentreId_Status_HelpFallbackAt",
                table: "requests");

            migrationBuilder.DropColumn(
                name: "HelpFallbackAt",
                table: "requests");

            migrationBuilder.DropColumn(
                name: "VolunteerName",
                table: "requests");
        }
    }
}
