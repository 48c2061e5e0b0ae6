/**
 * Alarms and a dashboard. Every alarm goes to one SNS topic (with an e-mail subscription when an
 * address is given); the thresholds are listed in `ALARM_THRESHOLDS` and in the README.
 */
import { Duration } from "aws-cdk-lib";
import type { HttpApi } from "aws-cdk-lib/aws-apigatewayv2";
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  Metric,
  TextWidget,
  TreatMissingData,
} from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import { Operation, type Table } from "aws-cdk-lib/aws-dynamodb";
import { PolicyStatement, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import type { IKey } from "aws-cdk-lib/aws-kms";
import { Topic } from "aws-cdk-lib/aws-sns";
import { EmailSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import { Construct } from "constructs";
import { METRICS_NAMESPACE, SERVICE_NAME } from "../functions/http/metric-names";
import type { ServiceFunction } from "./constructs/service-function";

const FIVE_MINUTES = Duration.minutes(5);

/** Every alarm's threshold, in one place (README: "Alarms"). */
export const ALARM_THRESHOLDS = {
  /** unhandled errors (crashes, timeouts) of a function: any, in 5 minutes */
  functionErrors: 1,
  /** throttled invocations of a function: any, in 5 minutes */
  functionThrottles: 1,
  /** p99 duration of a function, ms, for 3 consecutive 5-minute periods (timeout: 10 s) */
  functionP99Ms: 3000,
  /** requests that found the identity provider's keys unreachable: any, in 5 minutes */
  identityProviderUnavailable: 1,
  /** API 5xx as a percentage of requests in 5 minutes, with at least 20 requests, 2 of 3 periods */
  api5xxPercent: 1,
  /** API p99 latency, ms, for 3 consecutive 5-minute periods */
  apiP99Ms: 2000,
  /** throttled DynamoDB requests: any, in 5 minutes */
  dynamoThrottled: 1,
  /** DynamoDB system errors (HTTP 500 from DynamoDB): any, in 5 minutes */
  dynamoSystemErrors: 1,
} as const;

const BUSINESS = ["ReportsSubmitted", "ReportsLate", "Unlocks", "ScoringRuns", "CircularsPublished"] as const;

export interface MonitoringProps {
  api: HttpApi;
  table: Table;
  functions: Record<string, ServiceFunction>;
  alarmEmail?: string | undefined;
  /** the key the topic is encrypted with (the table's customer-managed key, when there is one) */
  masterKey?: IKey | undefined;
}

export class Monitoring extends Construct {
  readonly topic: Topic;
  readonly dashboard: Dashboard;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    this.topic = new Topic(this, "Alarms", {
      displayName: "Employment API alarms",
      enforceSSL: true,
      ...(props.masterKey ? { masterKey: props.masterKey } : {}),
    });
    if (props.masterKey) {
      // CloudWatch publishes to an encrypted topic only when the key lets it
      props.masterKey.addToResourcePolicy(
        new PolicyStatement({
          principals: [new ServicePrincipal("cloudwatch.amazonaws.com")],
          actions: ["kms:Decrypt", "kms:GenerateDataKey*"],
          resources: ["*"],
        }),
      );
    }
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    const action = new SnsAction(this.topic);
    const alarm = (
      name: string,
      metric: IMetric,
      threshold: number,
      description: string,
      options: { evaluationPeriods?: number; datapointsToAlarm?: number } = {},
    ) => {
      const created = new Alarm(this, name, {
        alarmName: `employment-api-${name}`,
        alarmDescription: description,
        metric,
        threshold,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: options.evaluationPeriods ?? 1,
        datapointsToAlarm: options.datapointsToAlarm ?? options.evaluationPeriods ?? 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(action);
      created.addOkAction(action);
      this.alarms.push(created);
      return created;
    };
    const t = ALARM_THRESHOLDS;

    // ---- functions -------------------------------------------------------------------------
    for (const [name, service] of Object.entries(props.functions)) {
      const fn = service.fn;
      alarm(
        `${name}-errors`,
        fn.metricErrors({ period: FIVE_MINUTES, statistic: "Sum" }),
        t.functionErrors,
        `${name}: unhandled errors or timeouts`,
      );
      alarm(
        `${name}-throttles`,
        fn.metricThrottles({ period: FIVE_MINUTES, statistic: "Sum" }),
        t.functionThrottles,
        `${name}: invocations throttled (concurrency exhausted)`,
      );
      alarm(
        `${name}-p99-duration`,
        fn.metricDuration({ period: FIVE_MINUTES, statistic: "p99" }),
        t.functionP99Ms,
        `${name}: p99 duration ≥ ${t.functionP99Ms} ms for 15 minutes`,
        { evaluationPeriods: 3 },
      );
    }

    // ---- authentication (the identity provider) ---------------------------------------------
    const business = (metricName: string) =>
      new Metric({
        namespace: METRICS_NAMESPACE,
        metricName,
        dimensionsMap: { service: SERVICE_NAME },
        period: FIVE_MINUTES,
        statistic: "Sum",
      });
    alarm(
      "identity-provider-unavailable",
      business("IdentityProviderUnavailable"),
      t.identityProviderUnavailable,
      "Tokens could not be checked: the identity provider's keys (JWKS) were unreachable (503)",
    );

    // ---- the API ----------------------------------------------------------------------------
    const requests = props.api.metricCount({ period: FIVE_MINUTES, statistic: "Sum" });
    const serverErrors = props.api.metricServerError({ period: FIVE_MINUTES, statistic: "Sum" });
    const errorRate = new MathExpression({
      expression: "IF(requests >= 20, 100 * errors / requests, 0)",
      usingMetrics: { requests, errors: serverErrors },
      label: "5xx %",
      period: FIVE_MINUTES,
    });
    alarm("api-5xx-rate", errorRate, t.api5xxPercent, `API 5xx ≥ ${t.api5xxPercent}% of requests`, {
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
    });
    const latency = props.api.metricLatency({ period: FIVE_MINUTES, statistic: "p99" });
    alarm("api-p99-latency", latency, t.apiP99Ms, `API p99 latency ≥ ${t.apiP99Ms} ms for 15 minutes`, {
      evaluationPeriods: 3,
    });

    // ---- the table --------------------------------------------------------------------------
    // the operations the functions call (an alarm's math may hold at most 10 metrics)
    const operations = [
      Operation.GET_ITEM,
      Operation.QUERY,
      Operation.PUT_ITEM,
      Operation.UPDATE_ITEM,
      Operation.TRANSACT_WRITE_ITEMS,
    ];
    const throttled = props.table.metricThrottledRequestsForOperations({ period: FIVE_MINUTES, operations });
    alarm("dynamodb-throttled", throttled, t.dynamoThrottled, "DynamoDB requests throttled");
    const systemErrors = props.table.metricSystemErrorsForOperations({ period: FIVE_MINUTES, operations });
    alarm("dynamodb-system-errors", systemErrors, t.dynamoSystemErrors, "DynamoDB system errors");

    // ---- the dashboard ----------------------------------------------------------------------
    const fns = Object.entries(props.functions);
    const routeSearch = (metric: string, statistic: string) =>
      new MathExpression({
        expression: `SEARCH('{${METRICS_NAMESPACE},route,service} MetricName="${metric}"', '${statistic}', 300)`,
        label: "",
        period: FIVE_MINUTES,
      });
    this.dashboard = new Dashboard(this, "Dashboard", {
      dashboardName: "employment-api",
      widgets: [
        [
          new TextWidget({
            markdown:
              "# Employment API\nAlarms go to the SNS topic in the stack outputs; thresholds in the README (Alarms).",
            width: 24,
            height: 2,
          }),
        ],
        [
          new GraphWidget({
            title: "API requests and 5xx",
            left: [requests],
            right: [serverErrors],
            width: 8,
          }),
          new GraphWidget({ title: "API 5xx %", left: [errorRate], width: 8 }),
          new GraphWidget({ title: "API p99 latency (ms)", left: [latency], width: 8 }),
        ],
        [
          new GraphWidget({
            title: "Function errors",
            left: fns.map(([name, f]) => f.fn.metricErrors({ period: FIVE_MINUTES, label: name })),
            width: 8,
          }),
          new GraphWidget({
            title: "Function throttles",
            left: fns.map(([name, f]) => f.fn.metricThrottles({ period: FIVE_MINUTES, label: name })),
            width: 8,
          }),
          new GraphWidget({
            title: "Function p99 duration (ms)",
            left: fns.map(([name, f]) =>
              f.fn.metricDuration({ period: FIVE_MINUTES, statistic: "p99", label: name }),
            ),
            width: 8,
          }),
        ],
        [
          new GraphWidget({ title: "Requests by route", left: [routeSearch("Requests", "Sum")], width: 8 }),
          new GraphWidget({
            title: "p99 latency by route (ms)",
            left: [routeSearch("Latency", "p99")],
            width: 8,
          }),
          new GraphWidget({
            title: "4xx and 5xx by route",
            left: [routeSearch("4xx", "Sum")],
            right: [routeSearch("5xx", "Sum")],
            width: 8,
          }),
        ],
        [
          new GraphWidget({
            title: "Reports, unlocks, scoring runs, publications",
            left: BUSINESS.map((name) => business(name)),
            width: 6,
          }),
          new GraphWidget({ title: "DynamoDB throttled requests", left: [throttled], width: 6 }),
          new GraphWidget({ title: "DynamoDB system errors", left: [systemErrors], width: 6 }),
          new GraphWidget({
            title: "Identity provider / key store unavailable",
            left: [business("IdentityProviderUnavailable"), business("CredentialStoreUnavailable")],
            width: 6,
          }),
        ],
      ],
    });
  }
}
