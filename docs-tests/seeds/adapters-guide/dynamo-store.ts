import {
  DynamoDBClient,
  PutItemCommand,
  GetItemCommand,
} from "@aws-sdk/client-dynamodb";
import type { ReplayStore } from "@parmanasystems/core";

export class DynamoReplayStore implements ReplayStore {
  private client: DynamoDBClient;

  constructor(
    private tableName: string,
    region = "us-east-1",
    private ttlDays  = 30
  ) {
    this.client = new DynamoDBClient({ region });
  }

  private ttl(): number {
    return Math.floor(Date.now() / 1000) + this.ttlDays * 86400;
  }

  async reserve(fingerprint: string): Promise<void> {
    try {
      await this.client.send(new PutItemCommand({
        TableName: this.tableName,
        Item: {
          fingerprint: { S: fingerprint },
          status:      { S: "reserved" },
          ttl:         { N: String(this.ttl()) },
        },
        ConditionExpression: "attribute_not_exists(fingerprint)",
      }));
    } catch (err: unknown) {
      if (err instanceof Error && err.name === "ConditionalCheckFailedException") {
        throw new Error(`[INV-013] Replay detected: ${fingerprint}`);
      }
      throw err;
    }
  }

  async confirm(fingerprint: string): Promise<void> {
    await this.client.send(new PutItemCommand({
      TableName: this.tableName,
      Item: {
        fingerprint: { S: fingerprint },
        status:      { S: "confirmed" },
        ttl:         { N: String(this.ttl()) },
      },
    }));
  }

  async hasExecuted(fingerprint: string): Promise<boolean> {
    const { Item } = await this.client.send(new GetItemCommand({
      TableName: this.tableName,
      Key: { fingerprint: { S: fingerprint } },
    }));
    return Item?.status?.S === "confirmed";
  }

  async markExecuted(fingerprint: string): Promise<void> {
    await this.confirm(fingerprint);
  }
}
