using Tongguan.Designer.UI.Api;

namespace Tongguan.Web.Tests.Components;

public sealed class DefinitionsClientTests
{
    [Fact]
    public void ProblemsOf_ReadsEveryProblemOfTheEnginesRejection()
    {
        const string body = """
            {"title":"The BPMN definition has errors","status":400,"detail":"1 error(s)",
             "problems":[{"severity":"Error","code":"TG0302","message":"needs a handler","elementId":"notify","elementType":"serviceTask","line":7,"column":5}]}
            """;

        var problem = Assert.Single(BrowserDefinitionsClient.ProblemsOf(body));

        Assert.Equal(("TG0302", "notify", 7), (problem.Code, problem.ElementId, problem.Line));
    }

    [Fact]
    public void ProblemsOf_FallsBackToTheDetail_WhenTheBodyListsNoProblem()
    {
        var problem = Assert.Single(BrowserDefinitionsClient.ProblemsOf("""{"title":"Empty body","status":400,"detail":"The request body must be BPMN 2.0 XML; it was empty."}"""));

        Assert.Equal("The request body must be BPMN 2.0 XML; it was empty.", problem.Message);
        Assert.Null(problem.ElementId);
    }
}
