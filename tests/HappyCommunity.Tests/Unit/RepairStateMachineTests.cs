using HappyCommunity.Modules.Repair.Domain;

namespace HappyCommunity.Tests.Unit;

/// <summary>
/// Every action × every status × every kind of person, against a table written here independently of the code:
/// what is legal (and where it leads), what is someone else's to do (403), and what is not possible now (409).
/// </summary>
public sealed class RepairStateMachineTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    // (action, from, who may, leads to)
    private static readonly (RepairAction Action, RequestStatus From, Standing Who, RequestStatus To)[] Legal =
    [
        (RepairAction.Accept, RequestStatus.Assigned, Standing.Assignee, RequestStatus.Accepted),
        (RepairAction.Accept, RequestStatus.Reopened, Standing.Assignee, RequestStatus.Accepted),
        (RepairAction.Accept, RequestStatus.Triage, Standing.Worker, RequestStatus.Accepted),
        (RepairAction.Accept, RequestStatus.WithVolunteer, Standing.Worker, RequestStatus.Accepted),
        (RepairAction.Start, RequestStatus.Accepted, Standing.Assignee, RequestStatus.InProgress),
        (RepairAction.Resolve, RequestStatus.Accepted, Standing.Assignee | Standing.Dispatcher, RequestStatus.Resolved),
        (RepairAction.Resolve, RequestStatus.InProgress, Standing.Assignee | Standing.Dispatcher, RequestStatus.Resolved),
        (RepairAction.Close, RequestStatus.Resolved, Standing.Reporter | Standing.Dispatcher, RequestStatus.Closed),
        (RepairAction.Reopen, RequestStatus.Resolved, Standing.Reporter, RequestStatus.Reopened),
        (RepairAction.Reopen, RequestStatus.Closed, Standing.Reporter, RequestStatus.Reopened),
        (RepairAction.Cancel, RequestStatus.Submitted, Standing.Reporter, RequestStatus.Cancelled),
        (RepairAction.Cancel, RequestStatus.Triage, Standing.Reporter, RequestStatus.Cancelled),
        (RepairAction.Cancel, RequestStatus.Assigned, Standing.Reporter, RequestStatus.Cancelled),
        (RepairAction.Cancel, RequestStatus.WithVolunteer, Standing.Reporter, RequestStatus.Cancelled),
        (RepairAction.Reject, RequestStatus.Submitted, Standing.Dispatcher, RequestStatus.Rejected),
        (RepairAction.Reject, RequestStatus.Triage, Standing.Dispatcher, RequestStatus.Rejected),
        (RepairAction.Reject, RequestStatus.Assigned, Standing.Dispatcher, RequestStatus.Rejected),
        (RepairAction.Reject, RequestStatus.Accepted, Standing.Dispatcher, RequestStatus.Rejected),
        (RepairAction.Reject, RequestStatus.Reopened, Standing.Dispatcher, RequestStatus.Rejected),
        (RepairAction.Reject, RequestStatus.WithVolunteer, Standing.Dispatcher, RequestStatus.Rejected),
        (RepairAction.Reassign, RequestStatus.Triage, Standing.Dispatcher, RequestStatus.Assigned),
        (RepairAction.Reassign, RequestStatus.Assigned, Standing.Dispatcher, RequestStatus.Assigned),
        (RepairAction.Reassign, RequestStatus.Accepted, Standing.Dispatcher, RequestStatus.Assigned),
        (RepairAction.Reassign, RequestStatus.InProgress, Standing.Dispatcher, RequestStatus.Assigned),
        (RepairAction.Reassign, RequestStatus.Reopened, Standing.Dispatcher, RequestStatus.Assigned),
        (RepairAction.Reassign, RequestStatus.WithVolunteer, Standing.Dispatcher, RequestStatus.Assigned),
        (RepairAction.Decline, RequestStatus.Assigned, Standing.Assignee, RequestStatus.Assigned),
        (RepairAction.Rate, RequestStatus.Resolved, Standing.Reporter, RequestStatus.Closed),
        (RepairAction.Rate, RequestStatus.Closed, Standing.Reporter, RequestStatus.Closed),
        (RepairAction.Merge, RequestStatus.Submitted, Standing.Dispatcher | Standing.Reporter, RequestStatus.Merged),
        (RepairAction.Merge, RequestStatus.Triage, Standing.Dispatcher | Standing.Reporter, RequestStatus.Merged),
        (RepairAction.Merge, RequestStatus.Assigned, Standing.Dispatcher | Standing.Reporter, RequestStatus.Merged),
    ];

    private static readonly Standing[] People = [Standing.Reporter, Standing.Assignee, Standing.Worker, Standing.Dispatcher];

    public static TheoryData<RepairAction, RequestStatus, Standing> EveryCase()
    {
        var data = new TheoryData<RepairAction, RequestStatus, Standing>();
        foreach (var action in Enum.GetValues<RepairAction>())
            foreach (var status in Enum.GetValues<RequestStatus>())
                foreach (var who in People)
                    data.Add(action, status, who);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryCase))]
    public void Every_action_in_every_status_for_every_person(RepairAction action, RequestStatus status, Standing who)
    {
        var facts = new RequestFacts(status, ResolvedAt: Now.AddDays(-1), Rated: false);
        var verdict = RepairStateMachine.Decide(action, facts, who, Now);

        if (action == RepairAction.Comment)
        {
            Assert.True(verdict.Allowed, "anyone who can see a request can comment on it");
            Assert.Equal(status, verdict.Next);
            return;
        }

        var legalFrom = Legal.Where(l => l.Action == action && l.From == status).ToList();
        var mine = legalFrom.FirstOrDefault(l => l.Who.HasFlag(who));
        if (mine != default)
        {
            Assert.True(verdict.Allowed, $"{who} should be able to {action} a {status} request: {verdict.Why?.En}");
            Assert.Equal(mine.To, verdict.Next);
        }
        else if (legalFrom.Count > 0)
        {
            Assert.False(verdict.Allowed);
            Assert.Equal(403, verdict.StatusCode);
            Assert.False(string.IsNullOrWhiteSpace(verdict.Why?.Zh));
        }
        else
        {
            Assert.False(verdict.Allowed, $"{who} must not {action} a {status} request");
            Assert.Equal(409, verdict.StatusCode);
            Assert.False(string.IsNullOrWhiteSpace(verdict.Why?.Zh)); // says why, in Chinese and English
            Assert.False(string.IsNullOrWhiteSpace(verdict.Why!.En));
        }
    }

    [Fact]
    public void Reopening_is_only_possible_within_seven_days_of_the_fix()
    {
        var within = RepairStateMachine.Decide(RepairAction.Reopen, new(RequestStatus.Closed, Now.AddDays(-6.9), false), Standing.Reporter, Now);
        var after = RepairStateMachine.Decide(RepairAction.Reopen, new(RequestStatus.Closed, Now.AddDays(-7.1), false), Standing.Reporter, Now);
        Assert.True(within.Allowed);
        Assert.False(after.Allowed);
        Assert.Equal(409, after.StatusCode);
        Assert.Contains("7", after.Why!.En);
    }

    [Fact]
    public void A_request_is_rated_once()
    {
        var again = RepairStateMachine.Decide(RepairAction.Rate, new(RequestStatus.Closed, Now.AddDays(-1), Rated: true), Standing.Reporter, Now);
        Assert.Equal(409, again.StatusCode);
    }

    [Fact]
    public void Cancelling_after_acceptance_says_to_comment_instead()
    {
        var verdict = RepairStateMachine.Decide(RepairAction.Cancel, new(RequestStatus.Accepted, null, false), Standing.Reporter, Now);
        Assert.Equal(409, verdict.StatusCode);
        Assert.Contains("accepted", verdict.Why!.En);
    }

    [Fact]
    public void The_buttons_offered_are_exactly_the_legal_actions()
    {
        var actions = RepairStateMachine.Available(new(RequestStatus.Assigned, null, false), Standing.Assignee, Now);
        Assert.Equal([RepairAction.Accept, RepairAction.Decline, RepairAction.Comment], actions.OrderBy(a => a).ToList());
    }
}
