-- Integration usage: requests, distinct accounts and distinct users per integration per day.
SELECT
    CAST(dt AS date) AS usage_date,
    integration_id,
    integration_name,
    count(*) AS requests,
    count(DISTINCT account_id) AS accounts,
    count(DISTINCT user_id) AS users
FROM {{ ref("integration_requests") }}
GROUP BY dt, integration_id, integration_name
