import { describe, expect, it } from 'vitest'
import { amzDate, signPolicy, signaturesMatch } from './sigv4'

/**
 * AWS's own published example, "Example: Browser-Based Upload using HTTP POST (Using AWS Signature
 * Version 4)" in the Amazon S3 API Reference (sigv4-post-example): its fictitious credentials, its
 * Base64 policy (CRLF line ends, as the page says) and the signature the page documents. The twin's
 * signing is checked against AWS, not only against itself.
 */
const AWS_EXAMPLE = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  region: 'us-east-1',
  date: '20151229',
  policy:
    'eyAiZXhwaXJhdGlvbiI6ICIyMDE1LTEyLTMwVDEyOjAwOjAwLjAwMFoiLA0KICAiY29uZGl0aW9ucyI6IFsNCiAgICB7ImJ1Y2tldCI6ICJzaWd2NGV4YW1wbGVidWNrZXQifSwNCiAgICBbInN0YXJ0cy13aXRoIiwgIiRrZXkiLCAidXNlci91c2VyMS8iXSwNCiAgICB7ImFjbCI6ICJwdWJsaWMtcmVhZCJ9LA0KICAgIHsic3VjY2Vzc19hY3Rpb25fcmVkaXJlY3QiOiAiaHR0cDovL3NpZ3Y0ZXhhbXBsZWJ1Y2tldC5zMy5hbWF6b25hd3MuY29tL3N1Y2Nlc3NmdWxfdXBsb2FkLmh0bWwifSwNCiAgICBbInN0YXJ0cy13aXRoIiwgIiRDb250ZW50LVR5cGUiLCAiaW1hZ2UvIl0sDQogICAgeyJ4LWFtei1tZXRhLXV1aWQiOiAiMTQzNjUxMjM2NTEyNzQifSwNCiAgICB7IngtYW16LXNlcnZlci1zaWRlLWVuY3J5cHRpb24iOiAiQUVTMjU2In0sDQogICAgWyJzdGFydHMtd2l0aCIsICIkeC1hbXotbWV0YS10YWciLCAiIl0sDQoNCiAgICB7IngtYW16LWNyZWRlbnRpYWwiOiAiQUtJQUlPU0ZPRE5ON0VYQU1QTEUvMjAxNTEyMjkvdXMtZWFzdC0xL3MzL2F3czRfcmVxdWVzdCJ9LA0KICAgIHsieC1hbXotYWxnb3JpdGhtIjogIkFXUzQtSE1BQy1TSEEyNTYifSwNCiAgICB7IngtYW16LWRhdGUiOiAiMjAxNTEyMjlUMDAwMDAwWiIgfQ0KICBdDQp9',
  signature: '8afdbf4008c03f22c2cd3cdb72e4afbb1f6a588f3255ac628749a66d7f09699e'
}

describe('SigV4 POST policy signing', () => {
  it('gives the signature AWS documents for its own example policy', () => {
    const signed = signPolicy(AWS_EXAMPLE.secret, AWS_EXAMPLE.date, AWS_EXAMPLE.policy, AWS_EXAMPLE.region)
    expect(signed).toBe(AWS_EXAMPLE.signature)
    expect(signaturesMatch(signed, AWS_EXAMPLE.signature)).toBe(true)
  })

  it('reads the example the way the page describes it: its date, credential scope and conditions', () => {
    const policy = Buffer.from(AWS_EXAMPLE.policy, 'base64').toString('utf8')
    expect(policy).toContain('\r\n')
    const parsed = JSON.parse(policy) as { expiration: string; conditions: unknown[] }
    expect(parsed.expiration).toBe('2015-12-30T12:00:00.000Z')
    expect(parsed.conditions).toContainEqual({ 'x-amz-credential': `${AWS_EXAMPLE.accessKeyId}/20151229/us-east-1/s3/aws4_request` })
    expect(parsed.conditions).toContainEqual({ 'x-amz-date': '20151229T000000Z' })
    expect(amzDate(new Date('2015-12-29T00:00:00Z'))).toEqual({ dateTime: '20151229T000000Z', date: AWS_EXAMPLE.date })
  })

  it('refuses the example signed with another date, region or secret', () => {
    const others = [
      signPolicy(AWS_EXAMPLE.secret, '20151230', AWS_EXAMPLE.policy, AWS_EXAMPLE.region),
      signPolicy(AWS_EXAMPLE.secret, AWS_EXAMPLE.date, AWS_EXAMPLE.policy, 'eu-west-1'),
      signPolicy(`${AWS_EXAMPLE.secret}x`, AWS_EXAMPLE.date, AWS_EXAMPLE.policy, AWS_EXAMPLE.region)
    ]
    for (const other of others) expect(signaturesMatch(other, AWS_EXAMPLE.signature)).toBe(false)
  })
})
