/** The METRICS_TOKEN test apps are configured with (see `testConfig`). */
export const TEST_METRICS_TOKEN = 'test-metrics-token-0123456789abcdef';

/** What Prometheus would read from `url` (an API's base URL + /metrics, or a worker's metrics URL). */
export async function scrapeMetrics(url: string): Promise<string> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${TEST_METRICS_TOKEN}` } });
  if (response.status !== 200) throw new Error(`scraping ${url} answered ${response.status}`);
  return response.text();
}
