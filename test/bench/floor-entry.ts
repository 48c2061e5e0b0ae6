/** The benchmark's floor: a function holding only the DynamoDB client (what every function needs anyway). */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";

const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = async (event: { id: string }) =>
  doc.send(new GetCommand({ TableName: process.env.TABLE_NAME, Key: { pk: event.id, sk: "PROFILE" } }));
