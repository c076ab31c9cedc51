using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HappyCommunity.Modules.Repair.Data.Migrations
{
    /// <inheritdoc />
    public partial class DashboardIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_requests_CentreId_Status",
                table: "requests");

            migrationBuilder.CreateIndex(
                name: "IX_requests_figures",
                table: "requests",
                columns: new[] { "CentreId", "CreatedAt", "AcceptedAt", "ResolvedAt", "ResponseDueAt", "ResolutionDueAt", "Rating" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_requests_figures",
                table: "requests");

            migrationBuilder.CreateIndex(
                name: "IX_requests_CentreId_Status",
                table: "requests",
                columns: new[] { "CentreId", "Status" });
        }
    }
}
