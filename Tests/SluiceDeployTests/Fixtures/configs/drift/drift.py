"""Out-of-band changes for case "drift", run by scripts/capture-plan-fixtures.sh between apply and plan.

Runs with .venv-moto/bin/python; MOTO_ENDPOINT is the moto server's URL, credentials and region come
from the environment (AWS_ACCESS_KEY_ID=test, AWS_DEFAULT_REGION=eu-west-1).
"""
import os

import boto3

endpoint = os.environ["MOTO_ENDPOINT"]
sqs = boto3.client("sqs", endpoint_url=endpoint)
s3 = boto3.client("s3", endpoint_url=endpoint)
logs = boto3.client("logs", endpoint_url=endpoint)

# A queue attribute changed by hand: the plan sets it back (update).
queue_url = sqs.get_queue_url(QueueName="sluice-fixture-dead-letter")["QueueUrl"]
sqs.set_queue_attributes(QueueUrl=queue_url, Attributes={"MessageRetentionPeriod": "86400"})

# A tag added by hand on the bucket: the plan removes it (update).
tags = s3.get_bucket_tagging(Bucket="sluice-fixture-lake")["TagSet"]
tags.append({"Key": "changed_by", "Value": "console"})
s3.put_bucket_tagging(Bucket="sluice-fixture-lake", Tagging={"TagSet": tags})

# A retention changed by hand: the plan sets it back (update).
logs.put_retention_policy(logGroupName="/aws/lambda/sluice-fixture-processor", retentionInDays=3)

# A log group deleted by hand: drift shows it gone, the plan creates it again.
logs.delete_log_group(logGroupName="/sluice/fixture/scratch")

print("drift: queue retention 86400, bucket tag changed_by=console, log retention 3, scratch log group deleted")
