using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HappyCommunity.Modules.Repair.Data.Migrations
{
    /// <inheritdoc />
    public partial class DispatchOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_duty_slots_CentreId_UserId",
                table: "duty_slots");

            migrationBuilder.CreateIndex(
                name: "IX_team_members_CentreId_TeamId_UserId",
                table: "team_members",
                columns: new[] { "CentreId", "TeamId", "UserId" });

            migrationBuilder.CreateIndex(
                name: "IX_staff_dispatch_order",
                table: "staff",
                columns: new[] { "CentreId", "OpenLoad", "LastAssignedAt", "UserId" });

            migrationBuilder.CreateIndex(
                name: "IX_duty_slots_CentreId_Day_StartMinute_EndMinute_UserId",
                table: "duty_slots",
                columns: new[] { "CentreId", "Day", "StartMinute", "EndMinute", "UserId" });

            migrationBuilder.CreateIndex(
                name: "IX_duty_slots_CentreId_UserId_Day_StartMinute_EndMinute",
                table: "duty_slots",
                columns: new[] { "CentreId", "UserId", "Day", "StartMinute", "EndMinute" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_team_members_CentreId_TeamId_UserId",
                table: "team_members");

            migrationBuilder.DropIndex(
                name: "IX_staff_dispatch_order",
                table: "staff");

            migrationBuilder.DropIndex(
                name: "IX_duty_slots_CentreId_Day_StartMinute_EndMinute_UserId",
                table: "duty_slots");

            migrationBuilder.DropIndex(
                name: "IX_duty_slots_CentreId_UserId_Day_StartMinute_EndMinute",
                table: "duty_slots");

            migrationBuilder.CreateIndex(
                name: "IX_duty_slots_CentreId_UserId",
                table: "duty_slots",
                columns: new[] { "CentreId", "UserId" });
        }
    }
}
