using Microsoft.JSInterop;

namespace Tongguan.Designer.UI.Pages;

/// <summary>What the pages that hold a bpmn-js view (editor, diff, instance) share when they go away.</summary>
internal static class BpmnViews
{
    /// <summary>Destroys the view, then releases the JS module and the page's .NET reference; a gone browser is not an error.</summary>
    public static async ValueTask ReleaseAsync(IJSObjectReference? view, IJSObjectReference? module, IDisposable? self)
    {
        try
        {
            if (view is not null)
            {
                await view.InvokeVoidAsync("destroy").ConfigureAwait(true);
                await view.DisposeAsync().ConfigureAwait(true);
            }

            if (module is not null)
            {
                await module.DisposeAsync().ConfigureAwait(true);
            }
        }
        catch (JSDisconnectedException)
        {
            // The browser left; its objects went with it.
        }

        self?.Dispose();
    }
}
