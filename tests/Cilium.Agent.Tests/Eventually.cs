namespace Cilium.Agent.Tests;

/// <summary>Waits for the cluster to converge: polls a condition, and on timeout returns the last observation for the assertion.</summary>
internal static class Eventually
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> observe, Func<T, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        var last = await observe();
        while (!done(last) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            last = await observe();
        }
        return last;
    }
}
