import { Schema } from 'mongoose';

/** An API token: only a SHA-256 of its secret is stored. */
export const ApiTokenSchema = new Schema(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    role: { type: String, required: true, enum: ['viewer', 'responder', 'admin'] },
    hash: { type: String, required: true },
    createdAt: { type: Date, required: true },
    revokedAt: { type: Date },
  },
  { collection: 'api_tokens', versionKey: false },
);
