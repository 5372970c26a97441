import Redis from "ioredis";
import type { ReplayStore } from "@parmanasystems/core";

export class RedisReplayStore implements ReplayStore {
  private client: Redis;

  constructor(redisUrl: string) {
    this.client = new Redis(redisUrl);
  }

  async reserve(fingerprint: string): Promise<void> {
    const key    = `parmana:replay:${fingerprint}`;
    const result = await this.client.set(key, "reserved", "NX");
    if (result === null) {
      throw new Error(`[INV-013] Replay detected: ${fingerprint}`);
    }
  }

  async confirm(fingerprint: string): Promise<void> {
    const key = `parmana:replay:${fingerprint}`;
    await this.client.set(key, "confirmed", "XX");
  }

  async hasExecuted(fingerprint: string): Promise<boolean> {
    const val = await this.client.get(`parmana:replay:${fingerprint}`);
    return val === "confirmed";
  }

  async markExecuted(fingerprint: string): Promise<void> {
    await this.confirm(fingerprint);
  }

  async disconnect(): Promise<void> {
    await this.client.quit();
  }
}
